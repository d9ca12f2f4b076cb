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
     * array parameter per key column, for any number of parents, and compared in SQL: {@code link = ANY(?)} for
     * a single integer or uuid key, else the arrays unnested {@code WITH ORDINALITY} (joined to the children, or
     * with a {@code LATERAL} top-N per parent).
     */
    BATCHED,
    /**
     * Exactly one statement, without JSON: each level is a materialized common table expression computed once from
     * the level above (joined, or a {@code LATERAL} top-N per parent row) that numbers its rows and names each
     * row's parent by number; the rows of all levels come back stacked ({@code UNION ALL}), each value in a typed
     * column of its own, and are put together by number. One snapshot, like every single statement.
     */
    STACKED
}
