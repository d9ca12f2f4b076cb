package dev.fetchplan;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConnectionProvider;

/**
 * Runs several statements so that they all read one snapshot: inside a REPEATABLE READ, READ ONLY transaction
 * of our own, or inside the caller's transaction when one is open (then its isolation level decides what the
 * levels see). The caller's transaction is recognised when the connection is not in autocommit mode, and also
 * when a {@code BEGIN} was sent while it is: pgjdbc knows that without a round trip; with another driver a
 * plain START TRANSACTION draws warning 25001 and changes nothing. (START TRANSACTION with an isolation level
 * would instead fail and abort the caller's transaction, so there the level is set by a second statement once
 * the transaction is known to be ours.)
 */
final class Snapshot {

    private static final String ACTIVE_TRANSACTION = "25001";

    private Snapshot() {
    }

    static <R> R read(DSLContext dsl, Function<DSLContext, R> work) {
        return dsl.connectionResult(connection -> {
            DSLContext bound = DSL.using(dsl.configuration().derive(new DefaultConnectionProvider(connection)));
            if (!connection.getAutoCommit() || !startedOwnTransaction(connection)) {
                return work.apply(bound);
            }
            // Ours from here: everything below reads the snapshot of the first query.
            R result;
            try {
                result = work.apply(bound);
            } catch (Throwable failure) {
                // Whatever was thrown, the connection must not go back to a pool inside our transaction.
                rollback(connection, failure);
                throw failure;
            }
            execute(connection, "COMMIT");
            return result;
        });
    }

    /** Starts our transaction; false if a transaction was already open on the connection (and so is the caller's). */
    private static boolean startedOwnTransaction(Connection connection) throws SQLException {
        Optional<Boolean> open = OpenTransaction.on(connection);
        if (open.isPresent()) {
            if (open.get()) {
                return false;
            }
            execute(connection, "START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            return true;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("START TRANSACTION");
            for (SQLWarning warning = statement.getWarnings(); warning != null; warning = warning.getNextWarning()) {
                if (ACTIVE_TRANSACTION.equals(warning.getSQLState())) {
                    return false;
                }
            }
            statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            return true;
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void rollback(Connection connection, Throwable failure) {
        try {
            execute(connection, "ROLLBACK");
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
