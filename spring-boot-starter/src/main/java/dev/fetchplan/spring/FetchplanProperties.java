package dev.fetchplan.spring;

import dev.fetchplan.FetchStrategy;
import dev.fetchplan.QueryGuard;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The {@code fetchplan.*} properties: the default strategy, the N+1 guard, SQL comments and observations. */
@ConfigurationProperties("fetchplan")
public class FetchplanProperties {

    /**
     * The strategy of fetches that ask for AUTO (the blog API's default and FetchPlan.fetch(dsl)): MULTISET,
     * BATCHED or STACKED; AUTO picks BATCHED or STACKED by the round trip the jOOQ configuration declares.
     */
    private FetchStrategy strategy = FetchStrategy.AUTO;

    /**
     * Whether every statement of a fetch carries its plan's name as a sqlcommenter comment
     * (fetchplan_plan='users(posts)'), for pg_stat_statements, pg_stat_activity and the server log.
     */
    private boolean sqlComment = false;

    private final Guard guard = new Guard();

    private final Observations observations = new Observations();

    public FetchStrategy getStrategy() {
        return strategy;
    }

    public void setStrategy(FetchStrategy strategy) {
        this.strategy = strategy;
    }

    public boolean isSqlComment() {
        return sqlComment;
    }

    public void setSqlComment(boolean sqlComment) {
        this.sqlComment = sqlComment;
    }

    public Guard getGuard() {
        return guard;
    }

    public Observations getObservations() {
        return observations;
    }

    /** The N+1 guard on Spring Boot's DSLContext. */
    public static class Guard {

        /**
         * What the guard does when one statement has run with threshold different bind values in one scope (a request,
         * a test method): STRICT throws NPlusOneException before the statement is sent, LOG warns once per statement
         * when the scope ends, OFF only counts.
         */
        private QueryGuard.Mode mode = QueryGuard.Mode.LOG;

        /** How many different bind value sets of one statement in one scope are an N+1 loop: 2 or more. */
        private int threshold = QueryGuard.DEFAULT_THRESHOLD;

        /** Whether every HTTP request runs in a guard scope of its own (a servlet filter). */
        private boolean requestScope = true;

        /** Whether every test method of a Spring test runs in a guard scope of its own. */
        private boolean testScope = true;

        public QueryGuard.Mode getMode() {
            return mode;
        }

        public void setMode(QueryGuard.Mode mode) {
            this.mode = mode;
        }

        public int getThreshold() {
            return threshold;
        }

        public void setThreshold(int threshold) {
            this.threshold = threshold;
        }

        public boolean isRequestScope() {
            return requestScope;
        }

        public void setRequestScope(boolean requestScope) {
            this.requestScope = requestScope;
        }

        public boolean isTestScope() {
            return testScope;
        }

        public void setTestScope(boolean testScope) {
            this.testScope = testScope;
        }
    }

    /** Micrometer observations of fetches. */
    public static class Observations {

        /**
         * Whether every fetch is observed as fetchplan.fetch (a timer tagged by plan and strategy, and a span) when the
         * application has an ObservationRegistry.
         */
        private boolean enabled = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }
}
