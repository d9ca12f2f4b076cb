package com.example.bookshop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;

/** Depending on fetchplan-core brings the engine only: no blog classes, no migrations of fetchplan's own. */
class ClasspathTest {

    @Test
    void theServiceSeesNoBlogClassesOrMigrations() throws IOException {
        assertThatThrownBy(() -> Class.forName("dev.fetchplan.blog.BlogQueries")).isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("dev.fetchplan.schema.jooq.Tables")).isInstanceOf(ClassNotFoundException.class);
        assertThat(getClass().getClassLoader().getResource("db/fetchplan/blog")).isNull();

        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            Flyway flyway = Flyway.configure().dataSource(postgres.getPostgresDatabase()).load();
            flyway.migrate();
            assertThat(flyway.info().applied()).extracting(MigrationInfo::getScript).containsExactly("V1__bookshop.sql");
        }
    }
}
