package dev.fetchplan;

/** How a {@link FetchPlan} is turned into SQL. Every strategy returns equal results for every plan. */
public enum FetchStrategy {
    /**
     * Exactly one statement: nested levels are aggregated into JSON by the database (jOOQ's MULTISET shape, with
     * each level's order inside the aggregate) and decoded by fetchplan.
     */
    MULTISET,
    /**
     * At most one statement per to-many level, all read from one snapshot: a level's parents are bound as one
     * array parameter per key column, unnested {@code WITH ORDINALITY} (joined to the children, or with a
     * {@code LATERAL} top-N per parent), for any number of parents.
     */
    BATCHED
}
