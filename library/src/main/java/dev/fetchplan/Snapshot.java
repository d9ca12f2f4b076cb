package dev.fetchplan;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConnectionProvider;

/**
 * Runs several statements so that they all read one snapshot: inside the caller's transaction when one is
 * open on the connection, otherwise inside a REPEATABLE READ, READ ONLY transaction of our own.
 */
final class Snapshot {

    private Snapshot() {
    }

    static <R> R read(DSLContext dsl, Function<DSLContext, R> work) {
        return dsl.connectionResult(connection -> {
            DSLContext bound = DSL.using(dsl.configuration().derive(new DefaultConnectionProvider(connection)));
            if (!connection.getAutoCommit()) {
                return work.apply(bound);
            }
            execute(connection, "START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            R result;
            try {
                result = work.apply(bound);
            } catch (RuntimeException | Error failure) {
                rollback(connection, failure);
                throw failure;
            }
            execute(connection, "COMMIT");
            return result;
        });
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
