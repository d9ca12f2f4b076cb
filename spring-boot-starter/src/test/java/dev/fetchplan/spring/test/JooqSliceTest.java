package dev.fetchplan.spring.test;

import static dev.fetchplan.schema.jooq.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fetchplan.NPlusOneException;
import dev.fetchplan.QueryGuard;
import dev.fetchplan.testing.TestDatabase;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.jooq.test.autoconfigure.JooqTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Spring Boot's jOOQ test slice gets the guard too: the starter adds itself to the slice's auto-configurations. */
@JooqTest
@FetchplanTest
class JooqSliceTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migrated();

    @SpringBootConfiguration
    static class Application {
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry properties) {
        properties.add("spring.datasource.url", database::jdbcUrl);
        properties.add("spring.datasource.username", () -> database.server().user());
        properties.add("spring.datasource.password", () -> database.server().password());
    }

    @Autowired
    QueryGuard guard;

    @Autowired
    DSLContext dsl;

    @Test
    void aLoopInAJooqSliceTestFails() {
        assertThat(guard.watches(dsl)).isTrue();
        dsl.selectFrom(USERS).where(USERS.ID.eq(1L)).fetch();
        dsl.selectFrom(USERS).where(USERS.ID.eq(2L)).fetch();
        assertThatThrownBy(() -> dsl.selectFrom(USERS).where(USERS.ID.eq(3L)).fetch()).isInstanceOf(NPlusOneException.class);
    }
}
