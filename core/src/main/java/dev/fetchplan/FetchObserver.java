package dev.fetchplan;

import dev.fetchplan.internal.value.RowBudget;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Watches fetches, kept in a configuration's data under {@link #KEY} (put there by {@link FetchObservations}); an
 * interface without Micrometer types, so the engine runs without Micrometer on the class path.
 */
interface FetchObserver {

    String KEY = "dev.fetchplan.observer";

    /** What a fetch is: its plan's name, the strategy it runs with ({@code read} for a caller's read), its levels. */
    record Fetch(String plan, String strategy, int levels) {
    }

    /**
     * What a fetch did, counted while it runs: statements sent and rows read per level of its plan by all its attempts
     * (a failed attempt's included). Thread-safe: a caller's read may run statements at once.
     */
    final class Counts implements RowBudget.Counter {
        private final AtomicInteger statements = new AtomicInteger();
        private final LongAdder[] rowsByLevel;

        Counts(int levels) {
            rowsByLevel = new LongAdder[Math.max(levels, 1)];
            Arrays.setAll(rowsByLevel, level -> new LongAdder());
        }

        void statementSent() {
            statements.incrementAndGet();
        }

        @Override
        public void add(int level, long read) {
            rowsByLevel[level].add(read);
        }

        int statements() {
            return statements.get();
        }

        long rows() {
            return Arrays.stream(rowsByLevel).mapToLong(LongAdder::sum).sum();
        }

        /** The rows read at each level in the plan's level order (the root first), as {@code 20,57,140}. */
        String rowsByLevel() {
            return Arrays.stream(rowsByLevel).map(rows -> Long.toString(rows.sum())).collect(Collectors.joining(","));
        }
    }

    /** Runs {@code work} (given the counts to fill) as an observed fetch. */
    <R> R observe(Fetch fetch, Function<Counts, R> work);
}
