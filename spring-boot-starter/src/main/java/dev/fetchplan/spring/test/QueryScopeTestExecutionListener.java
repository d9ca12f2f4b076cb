package dev.fetchplan.spring.test;

import dev.fetchplan.QueryGuard;
import dev.fetchplan.QueryScope;
import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Runs every test method of a Spring test whose context has one {@link QueryGuard} bean in a guard scope of its own,
 * named {@code TestClass.method}, around the method alone (not its set-up), inside the test's transaction if it has
 * one; {@code fetchplan.guard.test-scope=false} turns it off. Registered for every Spring test by the starter
 * ({@code META-INF/spring.factories}); a test without an application context is left alone.
 */
public final class QueryScopeTestExecutionListener implements TestExecutionListener, Ordered {

    private static final String SCOPE = QueryScopeTestExecutionListener.class.getName() + ".scope";

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void beforeTestExecution(TestContext testContext) {
        if (!testContext.hasApplicationContext()) {
            return;
        }
        ApplicationContext context = testContext.getApplicationContext();
        if (!context.getEnvironment().getProperty("fetchplan.guard.test-scope", Boolean.class, true)) {
            return;
        }
        String name = testContext.getTestClass().getSimpleName() + "." + testContext.getTestMethod().getName();
        context.getBeanProvider(QueryGuard.class).ifUnique(guard -> testContext.setAttribute(SCOPE, guard.open(name)));
    }

    @Override
    public void afterTestExecution(TestContext testContext) {
        if (testContext.removeAttribute(SCOPE) instanceof QueryScope scope) {
            scope.close();
        }
    }
}
