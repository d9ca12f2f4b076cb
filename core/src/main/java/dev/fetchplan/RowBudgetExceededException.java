package dev.fetchplan;

import org.jooq.exception.DataAccessException;

/**
 * A fetch would have returned more rows, over all its levels, than its {@link FetchPolicy#maxRows(long)}; it was
 * stopped as soon as that was known and nothing of it is returned. Ask for less (a smaller page, per-parent
 * limits) or raise the budget for this DSLContext.
 */
public final class RowBudgetExceededException extends DataAccessException {

    private static final long serialVersionUID = 1L;

    private final String plan;
    private final long maxRows;

    RowBudgetExceededException(String plan, long maxRows, Throwable cause) {
        super("fetch of plan " + plan + " would return more than its budget of " + maxRows + " rows over all levels "
                + "(set by FetchPolicy.maxRows); ask for fewer rows (a smaller page, limitPerParent) or raise the budget", cause);
        this.plan = plan;
        this.maxRows = maxRows;
    }

    /** The plan's name, such as {@code users(posts(comments))}. */
    public String plan() {
        return plan;
    }

    public long maxRows() {
        return maxRows;
    }
}
