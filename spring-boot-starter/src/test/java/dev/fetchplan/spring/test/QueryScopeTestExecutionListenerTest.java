package dev.fetchplan.spring.test;

import static dev.fetchplan.schema.jooq.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fetchplan.NPlusOneException;
import dev.fetchplan.QueryGuard;
import dev.fetchplan.QueryScope;
import dev.fetchplan.blog.BlogQueries;
import dev.fetchplan.blog.UserQuery;
import dev.fetchplan.postgres.BlogSeed;
import dev.fetchplan.spring.FetchplanAutoConfiguration;
import dev.fetchplan.testing.TestDatabase;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** A Spring test with {@link FetchplanTest}: a strict guard, and a scope per test method found by the listener alone. */
@SpringJUnitConfig
@FetchplanTest
class QueryScopeTestExecutionListenerTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migrated();

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
            JooqAutoConfiguration.class, FetchplanAutoConfiguration.class})
    static class Application {
        /** Not the tracked data source: a test transaction's connection is still open when TestDatabase checks. */
        @Bean
        DataSource dataSource() {
            return database.server().dataSource(database.name());
        }
    }

    @BeforeAll
    static void seed() {
        BlogSeed.seed(database.dsl(), 3);
    }

    @Autowired
    QueryGuard guard;

    @Autowired
    DSLContext dsl;

    @Autowired
    BlogQueries blog;

    @Test
    void everyTestMethodRunsInAScopeNamedAfterIt() {
        assertThat(guard.mode()).isEqualTo(QueryGuard.Mode.STRICT);
        assertThat(guard.current()).map(QueryScope::name)
                .hasValue("QueryScopeTestExecutionListenerTest.everyTestMethodRunsInAScopeNamedAfterIt");
        blog.fetchUsersWithPosts(UserQuery.builder().build());
        assertThat(guard.current().orElseThrow().statements()).isEqualTo(2);
    }

    @Test
    void aTestThatLoopsAStatementFails() {
        dsl.selectFrom(USERS).where(USERS.ID.eq(1L)).fetch();
        dsl.selectFrom(USERS).where(USERS.ID.eq(2L)).fetch();
        assertThatThrownBy(() -> dsl.selectFrom(USERS).where(USERS.ID.eq(3L)).fetch())
                .isInstanceOf(NPlusOneException.class)
                .hasMessageContaining("aTestThatLoopsAStatementFails");
    }

    @Test
    @Transactional
    void aTransactionalTestMethodHasItsScopeInsideItsTransaction() {
        assertThat(TransactionSynchronizationManager.isActualTransactionActive()).isTrue();
        dsl.insertInto(USERS, USERS.NAME, USERS.EMAIL).values("Rolled back", "rolled-back@example.com").execute();
        guard.assertStatements(1, () -> assertThat(blog.fetchUsersWithPosts(UserQuery.builder()
                .strategy(dev.fetchplan.FetchStrategy.MULTISET).build())).extracting(user -> user.name()).contains("Rolled back"));
        assertThat(guard.current().orElseThrow().statements()).as("the insert, and the fetch once its own scope closed")
                .isEqualTo(2);
    }
}
