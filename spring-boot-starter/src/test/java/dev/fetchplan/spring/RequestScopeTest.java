package dev.fetchplan.spring;

import static dev.fetchplan.schema.jooq.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fetchplan.NPlusOneException;
import dev.fetchplan.QueryGuard;
import dev.fetchplan.QueryScope;
import dev.fetchplan.testing.TestDatabase;
import jakarta.servlet.FilterChain;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** A guard scope per HTTP request in a servlet application. */
class RequestScopeTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migrated();

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withBean(DataSource.class, database::dataSource)
            .withConfiguration(FetchplanAutoConfigurationTest.BOOT_JOOQ);

    @Test
    void aRequestRunsInAScopeNamedByItsMethodAndPath() {
        runner.run(context -> {
            AtomicReference<String> scope = new AtomicReference<>();
            QueryGuard guard = context.getBean(QueryGuard.class);
            FilterChain chain = (request, response) -> scope.set(guard.current().map(QueryScope::name).orElse(null));
            filter(context.getBean("fetchplanRequestScope")).doFilter(new MockHttpServletRequest("GET", "/users/7"),
                    new MockHttpServletResponse(), chain);
            assertThat(scope).hasValue("GET /users/7");
            assertThat(guard.current()).isEmpty();
        });
    }

    @Test
    void aRequestThatLoopsAStatementFailsUnderAStrictGuard() {
        runner.withPropertyValues("fetchplan.guard.mode=strict").run(context -> {
            DSLContext dsl = context.getBean(DSLContext.class);
            FilterChain loop = (request, response) -> {
                for (long id = 1; id <= 3; id++) {
                    dsl.selectFrom(USERS).where(USERS.ID.eq(id)).fetch();
                }
            };
            assertThatThrownBy(() -> filter(context.getBean("fetchplanRequestScope"))
                    .doFilter(new MockHttpServletRequest("GET", "/authors"), new MockHttpServletResponse(), loop))
                    .isInstanceOf(NPlusOneException.class)
                    .hasMessageContaining("GET /authors");
            assertThat(context.getBean(QueryGuard.class).current()).isEmpty();
        });
    }

    @Test
    void aRequestOnAThreadAlreadyInAScopeCountsInThatScope() {
        runner.run(context -> {
            QueryGuard guard = context.getBean(QueryGuard.class);
            DSLContext dsl = context.getBean(DSLContext.class);
            FilterChain lookup = (request, response) -> dsl.selectFrom(USERS).where(USERS.ID.eq(1L)).fetch();
            jakarta.servlet.Filter filter = filter(context.getBean("fetchplanRequestScope"));
            guard.assertStatements(1, () -> filter.doFilter(new MockHttpServletRequest("GET", "/users/1"),
                    new MockHttpServletResponse(), lookup));
        });
    }

    @Test
    void requestsInOneTestAreJudgedEachOnItsOwn() {
        runner.withPropertyValues("fetchplan.guard.mode=strict").run(context -> {
            QueryGuard guard = context.getBean(QueryGuard.class);
            DSLContext dsl = context.getBean(DSLContext.class);
            jakarta.servlet.Filter filter = filter(context.getBean("fetchplanRequestScope"));
            try (QueryScope test = guard.open("a test that sends three requests")) {
                for (long id = 1; id <= 3; id++) {
                    long user = id;
                    filter.doFilter(new MockHttpServletRequest("GET", "/users/" + user), new MockHttpServletResponse(),
                            (request, response) -> dsl.selectFrom(USERS).where(USERS.ID.eq(user)).fetch());
                }
                assertThat(test.statements()).isEqualTo(3);
                dsl.selectFrom(USERS).where(USERS.ID.eq(4L)).fetch();
                dsl.selectFrom(USERS).where(USERS.ID.eq(5L)).fetch();
                assertThatThrownBy(() -> dsl.selectFrom(USERS).where(USERS.ID.eq(6L)).fetch())
                        .as("the test's own loop is judged in the test's scope").isInstanceOf(NPlusOneException.class);
            }
        });
    }

    @Test
    void theRequestScopeCanBeTurnedOffOrReplaced() {
        runner.withPropertyValues("fetchplan.guard.request-scope=false")
                .run(context -> assertThat(context).doesNotHaveBean("fetchplanRequestScope"));
        FilterRegistrationBean<?> own = new FilterRegistrationBean<>();
        runner.withBean("fetchplanRequestScope", FilterRegistrationBean.class, () -> own)
                .run(context -> assertThat(context.getBean("fetchplanRequestScope")).isSameAs(own));
        new org.springframework.boot.test.context.runner.ApplicationContextRunner()
                .withBean(DataSource.class, database::dataSource)
                .withConfiguration(FetchplanAutoConfigurationTest.BOOT_JOOQ)
                .run(context -> assertThat(context).doesNotHaveBean("fetchplanRequestScope"));
    }

    private static jakarta.servlet.Filter filter(Object registration) {
        return ((FilterRegistrationBean<?>) registration).getFilter();
    }
}
