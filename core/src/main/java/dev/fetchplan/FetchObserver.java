package dev.fetchplan;

import dev.fetchplan.internal.value.RowBudget;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

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
     * What a fetch did, counted while it runs: statements sent and rows read by all its attempts (a failed attempt's
     * included). Thread-safe: a caller's read may run statements at once.
     */
    final class Counts implements RowBudget.Counter {
        private final AtomicInteger statements = new AtomicInteger();
        private final LongAdder rows = new LongAdder();

        void statementSent() {
            statements.incrementAndGet();
        }

        @Override
        public void add(long read) {
            rows.add(read);
        }

        int statements() {
            return statements.get();
        }

        long rows() {
            return rows.sum();
        }
    }

    /** Runs {@code work} (given the counts to fill) as an observed fetch. */
    <R> R observe(Fetch fetch, Function<Counts, R> work);
}
