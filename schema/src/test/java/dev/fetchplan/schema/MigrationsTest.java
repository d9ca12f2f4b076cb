package dev.fetchplan.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fetchplan.postgres.Migrations;
import dev.fetchplan.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MigrationsTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.empty();

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
}
