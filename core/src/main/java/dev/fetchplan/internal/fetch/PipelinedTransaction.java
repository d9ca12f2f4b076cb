package dev.fetchplan.internal.fetch;

import java.sql.SQLException;
import java.sql.Statement;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.exception.DataAccessException;

/**
 * Puts our snapshot transaction into the fetch's own round trips: the first statement is sent as
 * {@code START TRANSACTION ...; SELECT ...} and the last planned one as {@code SELECT ...; COMMIT}. pgjdbc sends
 * the parts of such a string under one Sync, so a BATCHED fetch costs exactly one round trip per level (for the
 * COMMIT that needs the keys bound as typed arrays, see {@link dev.fetchplan.internal.sql.KeyArray}). If the last planned statement is
 * skipped (no parent keys) or fails, the transaction is still open afterwards and {@link Snapshot} ends it.
 * Belongs to one fetch.
 */
final class PipelinedTransaction implements ExecuteListener {

    private static final long serialVersionUID = 1L;
    private static final String OPENS = PipelinedTransaction.class.getName() + ".opens";

    private final int statements;
    private int rendered;

    PipelinedTransaction(int statements) {
        if (statements < 2) {
            throw new IllegalArgumentException("a snapshot spans 2 or more statements, not " + statements);
        }
        this.statements = statements;
    }

    @Override
    public void renderEnd(ExecuteContext context) {
        rendered++;
        if (rendered == 1) {
            context.sql(Snapshot.START + "; " + context.sql());
            context.data(OPENS, Boolean.TRUE);
        } else if (rendered == statements) {
            context.sql(context.sql() + "; COMMIT");
        }
    }

    /** The first result of {@code START ...; SELECT ...} is START's (no rows); the rows are the next one. */
    @Override
    public void executeEnd(ExecuteContext context) {
        if (context.data(OPENS) == null) {
            return;
        }
        Statement statement = context.statement();
        try {
            context.resultSet(statement.getMoreResults() ? statement.getResultSet() : null);
        } catch (SQLException e) {
            throw new DataAccessException("SQL [" + context.sql() + "]; " + e.getMessage(), e);
        }
    }
}
