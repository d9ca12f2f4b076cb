package dev.fetchplan.spring;

import dev.fetchplan.QueryGuard;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * Warns once at start, naming them, about the application's singleton DSLContext beans the guard does not watch: the
 * starter guards the jOOQ configuration Spring Boot builds, and an application that defines its own
 * {@code org.jooq.Configuration} or {@code DSLContext} bean replaces it. Without this, the request and test scopes
 * would look active and catch nothing. Lazy and prototype beans are not created for it; a bean that cannot be read at
 * start (a scoped proxy outside its scope) or has no configuration (a mock) is passed over.
 */
final class GuardCoverage implements SmartInitializingSingleton {

    private static final Logger LOG = LoggerFactory.getLogger(GuardCoverage.class);

    private final QueryGuard guard;
    private final ConfigurableListableBeanFactory beans;

    GuardCoverage(QueryGuard guard, ConfigurableListableBeanFactory beans) {
        this.guard = guard;
        this.beans = beans;
    }

    /** The names of the singleton DSLContext beans the guard does not watch. */
    List<String> unwatched() {
        List<String> unwatched = new ArrayList<>();
        for (String name : beans.getBeanNamesForType(DSLContext.class, false, false)) {
            if (beans.containsBeanDefinition(name) && beans.getBeanDefinition(name).isLazyInit()) {
                continue;
            }
            try {
                DSLContext dsl = beans.getBean(name, DSLContext.class);
                if (dsl.configuration() != null && !guard.watches(dsl)) {
                    unwatched.add(name);
                }
            } catch (RuntimeException e) {
                LOG.debug("Not checked whether the guard watches DSLContext bean {}: {}", name, e.toString());
            }
        }
        return unwatched;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<String> unwatched = unwatched();
        if (!unwatched.isEmpty()) {
            LOG.warn("fetchplan's QueryGuard does not watch the DSLContext bean(s) {}: the application defines its own jOOQ "
                    + "Configuration or DSLContext, which the starter leaves as it is. Guard them with "
                    + "queryGuard.installInto(configuration) or queryGuard.guard(dsl), or the guard's request and test "
                    + "scopes do not see their statements.", unwatched);
        }
    }
}
