package dev.fetchplan.internal.fetch;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConnectionProvider;
import org.jooq.impl.DefaultExecuteListenerProvider;

/**
 * Runs several statements so that they all read one snapshot: inside a REPEATABLE READ, READ ONLY transaction
 * of our own, or inside the caller's transaction when one is open (then its isolation level decides what the
 * levels see). The caller's transaction is recognised when the connection is not in autocommit mode, and also
 * when a {@code BEGIN} was sent while it is: pgjdbc knows that without a round trip, and then our transaction
 * costs no round trip either: its START travels with the first statement and its COMMIT with the last
 * ({@link PipelinedTransaction}). With another driver a plain START TRANSACTION draws warning 25001 when a
 * transaction is open and changes nothing. (START TRANSACTION with an isolation level would instead fail and
 * abort the caller's transaction, so there the level is set by a second statement once the transaction is
 * known to be ours.)
 */
public final class Snapshot {

    public static final String START = "START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY";
    private static final String ACTIVE_TRANSACTION = "25001";

    private Snapshot() {
    }

    /** Runs {@code work}, which sends at most {@code statements} statements (at least 2) through the DSLContext it is given. */
    static <R> R read(DSLContext dsl, int statements, Function<DSLContext, R> work) {
        return dsl.connectionResult(connection -> {
            DSLContext bound = DSL.using(dsl.configuration().derive(new DefaultConnectionProvider(connection)));
            if (!connection.getAutoCommit()) {
                return work.apply(bound);
            }
            Optional<Boolean> open = OpenTransaction.on(connection);
            if (open.isPresent()) {
                if (open.get()) {
                    return work.apply(bound);
                }
                DSLContext pipelined = DSL.using(bound.configuration().deriveAppending(
                        new DefaultExecuteListenerProvider(new PipelinedTransaction(statements))));
                return inOwnTransaction(connection, pipelined, work);
            }
            if (!startedOwnTransaction(connection)) {
                return work.apply(bound);
            }
            return inOwnTransaction(connection, bound, work);
        });
    }

    /** Runs {@code work} in our transaction, begun by now or by its first statement; commits unless that is done. */
    private static <R> R inOwnTransaction(Connection connection, DSLContext bound, Function<DSLContext, R> work) throws SQLException {
        R result;
        try {
            result = work.apply(bound);
        } catch (Throwable failure) {
            // Whatever was thrown, the connection must not go back to a pool inside our transaction.
            if (!isClosed(connection, failure)) {
                rollback(connection, failure);
            }
            throw failure;
        }
        if (!OpenTransaction.on(connection).equals(Optional.of(false))) {
            execute(connection, "COMMIT");
        }
        return result;
    }

    /** Whether our transaction is known to be over (its COMMIT rode on the last statement); if asking fails, it is not. */
    private static boolean isClosed(Connection connection, Throwable failure) {
        try {
            return OpenTransaction.on(connection).equals(Optional.of(false));
        } catch (SQLException e) {
            failure.addSuppressed(e);
            return false;
        }
    }

    /** Without pgjdbc: starts our transaction; false if one was already open on the connection (and so is the caller's). */
    private static boolean startedOwnTransaction(Connection connection) throws SQLException {
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
