package dev.fetchplan.spring;

import dev.fetchplan.FetchObservations;
import dev.fetchplan.FetchPlan;
import dev.fetchplan.FetchStrategy;
import dev.fetchplan.QueryGuard;
import dev.fetchplan.blog.BlogCounts;
import dev.fetchplan.blog.BlogQueries;
import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.Filter;
import org.jooq.DSLContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jooq.autoconfigure.DefaultConfigurationCustomizer;
import org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * fetchplan on Spring Boot's jOOQ: a {@link QueryGuard} bean (mode and threshold from {@code fetchplan.guard.*}) that
 * watches Boot's DSLContext, the default strategy ({@code fetchplan.strategy}), SQL comments ({@code fetchplan.sql-comment})
 * and, with an {@link ObservationRegistry}, one observation per fetch, all put on the jOOQ configuration Boot builds;
 * a guard scope per HTTP request in a servlet application; {@link BlogQueries} and {@link BlogCounts} beans when the
 * blog library is present. Each of these backs off when the application defines its own; a DSLContext the application
 * builds without Boot's configuration is left as it is (guard it with {@link QueryGuard#guard}), and named at start.
 */
@AutoConfiguration(after = JooqAutoConfiguration.class)
@ConditionalOnClass({DSLContext.class, FetchPlan.class, DefaultConfigurationCustomizer.class})
@EnableConfigurationProperties(FetchplanProperties.class)
public final class FetchplanAutoConfiguration {

    FetchplanAutoConfiguration() {
        JooqVersion.check(JooqVersion.installed());
    }

    @Bean
    @ConditionalOnMissingBean
    QueryGuard fetchplanQueryGuard(FetchplanProperties properties) {
        return QueryGuard.of(properties.getGuard().getMode(), properties.getGuard().getThreshold());
    }

    /**
     * The guard, the default strategy and SQL comments on the jOOQ configuration of Boot's DSLContext; a strategy or
     * comment switch that a customizer of the application put there first is kept.
     */
    @Bean
    @ConditionalOnMissingBean(name = "fetchplanJooqConfiguration")
    DefaultConfigurationCustomizer fetchplanJooqConfiguration(QueryGuard guard, FetchplanProperties properties) {
        return configuration -> {
            guard.installInto(configuration);
            configuration.data().putIfAbsent(FetchStrategy.DEFAULT, properties.getStrategy());
            configuration.data().putIfAbsent(FetchPlan.SQL_COMMENT, properties.isSqlComment());
        };
    }

    /** Says at start when the application's DSLContext escaped the guard (a jOOQ Configuration or DSLContext of its own). */
    @Bean
    GuardCoverage fetchplanGuardCoverage(QueryGuard guard, ConfigurableListableBeanFactory beans) {
        return new GuardCoverage(guard, beans);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ObservationRegistry.class)
    @ConditionalOnProperty(name = "fetchplan.observations.enabled", havingValue = "true", matchIfMissing = true)
    static class ObservationConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "fetchplanObservations")
        DefaultConfigurationCustomizer fetchplanObservations(ObjectProvider<ObservationRegistry> registry) {
            return configuration -> registry.ifAvailable(available -> FetchObservations.installInto(configuration, available));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(BlogQueries.class)
    static class BlogConfiguration {

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnSingleCandidate(DSLContext.class)
        BlogQueries blogQueries(DSLContext dsl) {
            return BlogQueries.using(dsl);
        }

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnSingleCandidate(DSLContext.class)
        BlogCounts blogCounts(DSLContext dsl) {
            return BlogCounts.using(dsl);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(Filter.class)
    @ConditionalOnProperty(name = "fetchplan.guard.request-scope", havingValue = "true", matchIfMissing = true)
    static class RequestScopeConfiguration {

        /** Early, so that statements of later filters (security's user lookups, say) count in the request too. */
        static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

        @Bean
        @ConditionalOnMissingBean(name = "fetchplanRequestScope")
        FilterRegistrationBean<QueryScopeFilter> fetchplanRequestScope(QueryGuard guard) {
            FilterRegistrationBean<QueryScopeFilter> registration = new FilterRegistrationBean<>(new QueryScopeFilter(guard));
            registration.setName("fetchplanRequestScope");
            registration.setOrder(ORDER);
            return registration;
        }
    }
}
