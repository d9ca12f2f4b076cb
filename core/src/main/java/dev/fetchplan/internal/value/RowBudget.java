package dev.fetchplan.internal.value;

import org.jooq.Configuration;
import org.jooq.Record;
import org.jooq.ResultQuery;

/**
 * The rows one fetch attempt may still read, over all its levels: kept in the data of the configuration the fetch
 * executes with (absent: no budget). A statement is asked for at most one row past what remains, so the driver
 * never holds more than the budget; reading past it throws {@link Exceeded}. Belongs to one fetch attempt.
 */
public final class RowBudget {

    public static final String KEY = "dev.fetchplan.rowBudget";

    private final long max;
    private long taken;

    public RowBudget(long max) {
        this.max = max;
    }

    /** {@code query}, asking the server for no more than one row past the budget of {@code configuration}. */
    public static <R extends Record> ResultQuery<R> limit(Configuration configuration, ResultQuery<R> query) {
        if (configuration.data(KEY) instanceof RowBudget budget) {
            long allowed = Math.min(budget.max - budget.taken + 1, Integer.MAX_VALUE);
            Integer configured = configuration.settings().getMaxRows();
            if (configured != null && configured > 0) {
                allowed = Math.min(allowed, configured);
            }
            return query.maxRows((int) allowed);
        }
        return query;
    }

    /** Where rows read are counted for an observed fetch (configuration data under {@link #COUNTED}). */
    public interface Counter {
        /** {@code rows} more rows read at the plan's level {@code level} (its index, 0 for the root). */
        void add(int level, long rows);
    }

    public static final String COUNTED = "dev.fetchplan.rowCounter";

    /** Counts {@code rows} more rows read at the plan's level {@code level}. */
    public static void take(Configuration configuration, int level, long rows) {
        if (configuration.data(COUNTED) instanceof Counter counter) {
            counter.add(level, rows);
        }
        spend(configuration, rows);
    }

    /** Counts {@code rowsByLevel[level]} more rows read at each level of the plan, at once. */
    public static void take(Configuration configuration, long[] rowsByLevel) {
        Counter counter = configuration.data(COUNTED) instanceof Counter counting ? counting : null;
        long rows = 0;
        for (int level = 0; level < rowsByLevel.length; level++) {
            if (counter != null && rowsByLevel[level] > 0) {
                counter.add(level, rowsByLevel[level]);
            }
            rows += rowsByLevel[level];
        }
        spend(configuration, rows);
    }

    private static void spend(Configuration configuration, long rows) {
        if (configuration.data(KEY) instanceof RowBudget budget) {
            budget.taken += rows;
            if (budget.taken > budget.max) {
                throw new Exceeded(budget.max);
            }
        }
    }

    /** Thrown when a fetch read more rows than its budget; fetchplan's entry point reports it with the plan's name. */
    public static final class Exceeded extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Exceeded(long max) {
            super("more than " + max + " rows");
        }
    }
}
