package dev.fetchplan.spring;

import dev.fetchplan.QueryGuard;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Warns once at start when the application's DSLContext is not watched by the guard: the starter guards the jOOQ
 * configuration Spring Boot builds, and an application that defines its own {@code org.jooq.Configuration} or
 * {@code DSLContext} bean replaces it. Without this, the request and test scopes would look active and catch nothing.
 */
final class GuardCoverage implements SmartInitializingSingleton {

    private static final Logger LOG = LoggerFactory.getLogger(GuardCoverage.class);

    private final QueryGuard guard;
    private final ObjectProvider<DSLContext> dsl;

    GuardCoverage(QueryGuard guard, ObjectProvider<DSLContext> dsl) {
        this.guard = guard;
        this.dsl = dsl;
    }

    /** Whether the application's one DSLContext (if it has exactly one) escapes the guard. */
    boolean unwatched() {
        DSLContext unique = dsl.getIfUnique();
        return unique != null && !guard.watches(unique);
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (unwatched()) {
            LOG.warn("The DSLContext bean is not watched by fetchplan's QueryGuard: the application defines its own jOOQ "
                    + "Configuration or DSLContext, which the starter leaves as it is. Guard it with queryGuard.installInto("
                    + "configuration) or queryGuard.guard(dsl), or the guard's request and test scopes catch nothing.");
        }
    }
}
