package dev.fetchplan.internal.fetch;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/**
 * Whether a transaction is open on a connection, asked of the driver without a round trip: pgjdbc tracks it
 * from every server reply. Empty when the driver is not pgjdbc (an optional dependency); then the snapshot
 * falls back to asking the server.
 */
public final class OpenTransaction {

    private static final boolean PGJDBC = isPresent("org.postgresql.core.BaseConnection");

    private OpenTransaction() {
    }

    public static Optional<Boolean> on(Connection connection) throws SQLException {
        return PGJDBC ? Pgjdbc.on(connection) : Optional.empty();
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, OpenTransaction.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Loaded only when pgjdbc is on the classpath. */
    private static final class Pgjdbc {
        static Optional<Boolean> on(Connection connection) throws SQLException {
            if (!connection.isWrapperFor(BaseConnection.class)) {
                return Optional.empty();
            }
            return Optional.of(connection.unwrap(BaseConnection.class).getTransactionState() != TransactionState.IDLE);
        }
    }
}
