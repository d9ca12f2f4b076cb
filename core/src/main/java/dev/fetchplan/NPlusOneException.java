package dev.fetchplan;

/**
 * Thrown by a {@link QueryGuard} in STRICT mode when one statement shape runs with different bind values as
 * often as the threshold within one scope: the signature of the N+1 problem. The statement that would have
 * made it one more time is not sent.
 */
public final class NPlusOneException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String sql;
    private final int executions;

    NPlusOneException(String scope, String sql, int executions) {
        super("N+1 query detected in " + scope + ": this statement was about to run for the " + executions
                + ". time with different bind values: " + sql + " — load the relation with a fetch plan "
                + "(dev.fetchplan.FetchPlan) so its statement count does not grow with the rows");
        this.sql = sql;
        this.executions = executions;
    }

    /** The repeated statement, with {@code ?} for its bind values. */
    public String sql() {
        return sql;
    }

    /** How many times it had run, counting the execution that was stopped. */
    public int executions() {
        return executions;
    }
}
