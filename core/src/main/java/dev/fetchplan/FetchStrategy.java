package dev.fetchplan;

import java.time.Duration;
import java.util.Arrays;
import org.jooq.Configuration;

/** How a {@link FetchPlan} is turned into SQL. Every strategy returns equal results for every plan. */
public enum FetchStrategy {
    /**
     * Exactly one statement: nested levels are aggregated into JSON by the database (jOOQ's MULTISET shape, with
     * each level's order inside the aggregate) and decoded by fetchplan.
     */
    MULTISET,
    /**
     * At most one statement per to-many level, all read from one snapshot: a level's parents are bound as one
     * array parameter per key column, for any number of parents, and compared in SQL: {@code link = ANY(?)} for
     * a single integer or uuid key, else the arrays unnested {@code WITH ORDINALITY} (joined to the children, or
     * with a {@code LATERAL} top-N per parent).
     */
    BATCHED,
    /**
     * Exactly one statement, without JSON: each level is a common table expression computed once from the level
     * above (by its parents' keys, or joined to them, or a {@code LATERAL} top-N per parent); the rows of all levels
     * come back stacked ({@code UNION ALL}), each value in a typed column of its own, and are put together by row
     * number and parent key. One snapshot, like every single statement.
     */
    STACKED,
    /**
     * Chosen per fetch: the strategy the configuration names as its default ({@link #DEFAULT}), if it names one;
     * else STACKED for a plan with nested levels whose fetch asks for at most {@link #STACKED_UP_TO}
     * root rows when the configuration declares a round trip ({@link #ROUND_TRIP}) of at least
     * {@link #STACKED_FROM}; BATCHED otherwise. Measured by bench/ (docs/benchmarks.md): with no added latency
     * BATCHED is the fastest; with about 1.6 ms per round trip STACKED is faster for pages of 20 to 100 users, and
     * BATCHED again for 1,000 and more, where the extra round trips weigh little against the rows.
     */
    AUTO;

    /**
     * The key under which a jOOQ {@link Configuration}'s {@code data} holds the service's measured round trip to
     * the database, as a {@link Duration}, for {@link #AUTO}:
     * {@code dsl.configuration().data(FetchStrategy.ROUND_TRIP, Duration.ofMillis(2))}.
     */
    public static final String ROUND_TRIP = "dev.fetchplan.roundTrip";

    /**
     * The key under which a jOOQ {@link Configuration}'s {@code data} may hold the service's default strategy, a
     * {@link FetchStrategy}, which fetches asking for {@link #AUTO} run with:
     * {@code dsl.configuration().data(FetchStrategy.DEFAULT, FetchStrategy.MULTISET)}. AUTO there, or nothing, lets
     * AUTO pick by round trip. Fetches asking for a strategy by name run with that one.
     */
    public static final String DEFAULT = "dev.fetchplan.defaultStrategy";

    /** The round trip from which {@link #AUTO} prefers one statement to one per level. */
    public static final Duration STACKED_FROM = Duration.ofMillis(1);

    /** The most root rows a fetch may ask for (its limit) for {@link #AUTO} to pick STACKED. */
    public static final int STACKED_UP_TO = 100;

    /**
     * The strategy a fetch of a plan with {@code levels} levels (the root and each nested to-many level), asking for
     * at most {@code rootLimit} root rows, runs with on {@code configuration}: this one, or for {@link #AUTO} the one
     * it picks.
     *
     * @throws IllegalArgumentException if the configuration's {@link #DEFAULT} is not a FetchStrategy or its
     *         {@link #ROUND_TRIP} is not a non-negative Duration
     */
    FetchStrategy resolve(int levels, int rootLimit, Configuration configuration) {
        if (this != AUTO) {
            return this;
        }
        Object preferred = configuration.data(DEFAULT);
        if (preferred != null && !(preferred instanceof FetchStrategy)) {
            throw new IllegalArgumentException("configuration data " + DEFAULT + " is " + preferred + " ("
                    + preferred.getClass().getName() + "); allowed: a FetchStrategy, one of " + Arrays.toString(values()));
        }
        if (preferred instanceof FetchStrategy strategy && strategy != AUTO) {
            return strategy;
        }
        Object roundTrip = configuration.data(ROUND_TRIP);
        if (roundTrip != null && !(roundTrip instanceof Duration duration && !duration.isNegative())) {
            throw new IllegalArgumentException("configuration data " + ROUND_TRIP + " is " + roundTrip + " ("
                    + roundTrip.getClass().getName() + "); allowed: a java.time.Duration of zero or more");
        }
        if (levels > 1 && rootLimit <= STACKED_UP_TO && roundTrip != null && ((Duration) roundTrip).compareTo(STACKED_FROM) >= 0) {
            return STACKED;
        }
        return BATCHED;
    }
}
