package dev.fetchplan;

/** How a {@link FetchPlan} is turned into SQL. Both return equal results. */
public enum FetchStrategy {
    /**
     * Exactly one statement: nested levels are aggregated into JSON by the database (jOOQ's MULTISET, with
     * each level's order inside the aggregate) and decoded into records.
     */
    MULTISET,
    /**
     * One statement per level, all read from one snapshot: each level's parent keys are bound as a single
     * array parameter ({@code = ANY(?)}, or {@code LATERAL} over {@code unnest(?)} for a per-parent limit),
     * for any number of parents.
     */
    BATCHED
}
