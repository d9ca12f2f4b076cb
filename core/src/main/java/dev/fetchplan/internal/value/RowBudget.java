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
        void add(long rows);
    }

    public static final String COUNTED = "dev.fetchplan.rowCounter";

    /** Counts {@code rows} more rows read. */
    public static void take(Configuration configuration, long rows) {
        if (configuration.data(COUNTED) instanceof Counter counter) {
            counter.add(rows);
        }
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
