package dev.fetchplan.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fetchplan.postgres.Migrations;
import dev.fetchplan.testing.TestDatabase;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MigrationsTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.empty();

    @RegisterExtension
    static final TestDatabase service = TestDatabase.empty();

    @Test
    void migrationsApplyToAnEmptyDatabaseThenAgainAreANoOpAndValidate() {
        assertThat(database.dsl().fetchSingle("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").get(0, Long.class)).isZero();

        int firstRun = Migrations.migrate(database.dataSource(), Migrations.BLOG_LOCATION);
        int secondRun = Migrations.migrate(database.dataSource(), Migrations.BLOG_LOCATION);
        Migrations.validate(database.dataSource(), Migrations.BLOG_LOCATION);

        assertThat(firstRun).isPositive();
        assertThat(secondRun).isZero();
        assertThat(database.dsl().fetch(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename").getValues(0, String.class))
                .containsExactly("comments", "flyway_schema_history", "posts", "users");
    }

    @Test
    void flywaysDefaultLocationFindsNoBlogMigrationAndTheBlogLocationDoes() {
        assertThat(getClass().getClassLoader().getResource("db/migration")).isNull();
        assertThat(getClass().getClassLoader().getResource("db/fetchplan/blog/V1__users_posts_comments.sql")).isNotNull();

        int applied = Flyway.configure().dataSource(service.dataSource()).load().migrate().migrationsExecuted;

        assertThat(applied).isZero();
        assertThat(service.dsl().fetchSingle("SELECT count(*) FROM pg_tables WHERE tablename = 'users'").get(0, Long.class)).isZero();

        DataSource dataSource = service.dataSource();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/fetchplan/blog").load().migrate();
        assertThat(service.dsl().fetchSingle("SELECT count(*) FROM pg_tables WHERE tablename IN ('users', 'posts', 'comments')")
                .get(0, Long.class)).as("the one line README.md gives applies the blog schema").isEqualTo(3);
    }
}
