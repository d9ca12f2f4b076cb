package dev.fetchplan.example.reliability;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Faults a database operator causes: sessions terminated by the server. */
public final class Faults {

    private Faults() {
    }

    /**
     * Terminates every backend connected to {@code database} ({@code pg_terminate_backend}, SQLSTATE 57P01 for its
     * client), from a connection of {@code admin} to another database; how many were terminated.
     */
    public static int terminateBackends(DataSource admin, String database) {
        try (Connection connection = admin.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
            statement.setString(1, database);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot terminate the backends of " + database + ": " + e.getMessage(), e);
        }
    }
}
