package dev.fetchplan.testing;

import dev.fetchplan.postgres.Migrations;
import dev.fetchplan.postgres.PostgresServer;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension giving each test class its own database on the shared test server: a clone of a
 * template migrated once per JVM (milliseconds, not a migration), or an empty database. Register it as a
 * {@code static} field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final TestDatabase database = TestDatabase.migrated();
 * }</pre>
 *
 * <p>The database is dropped after the class. A test that leaves a connection from {@link #dataSource()}
 * open fails, naming where the connection was opened.
 */
public final class TestDatabase implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    private final String migrationLocations;
    private final ConnectionTracker tracker = new ConnectionTracker();
    private final DataSource trackedDataSource = new TrackedDataSource();
    private volatile String name;

    private TestDatabase(String migrationLocations) {
        this.migrationLocations = migrationLocations;
    }

    /** A fresh copy of the database migrated with the schema module's migrations ({@code classpath:db/fetchplan/blog}). */
    public static TestDatabase migrated() {
        return migratedWith(Migrations.BLOG_LOCATION);
    }

    /** A fresh copy of a database migrated with the migrations at {@code locations} (Flyway syntax). */
    public static TestDatabase migratedWith(String... locations) {
        if (locations.length == 0) {
            throw new IllegalArgumentException("locations is empty; allowed: one or more Flyway locations");
        }
        return new TestDatabase(String.join(",", locations));
    }

    /** A fresh, empty database: for testing migrations themselves. */
    public static TestDatabase empty() {
        return new TestDatabase(null);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        String database = SharedServer.uniqueDatabaseName();
        if (migrationLocations == null) {
            server().createDatabase(database);
        } else {
            server().createDatabaseFromTemplate(database, SharedServer.migratedTemplate(migrationLocations));
        }
        name = database;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        failOnLeakedConnections("the test " + context.getDisplayName());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        String database = name;
        name = null;
        try {
            failOnLeakedConnections("the test class's @BeforeAll/@AfterAll methods");
        } finally {
            server().dropDatabase(database);
        }
    }

    /** A {@code DSLContext} on this class's database; every statement borrows and returns a connection. */
    public DSLContext dsl() {
        return DSL.using(trackedDataSource, SQLDialect.POSTGRES);
    }

    /** Connections to this class's database; each must be closed before the test ends. */
    public DataSource dataSource() {
        return trackedDataSource;
    }

    /** The name of this class's database. */
    public String name() {
        String database = name;
        if (database == null) {
            throw new IllegalStateException("TestDatabase is used outside its test class's lifetime; register it as a static @RegisterExtension field");
        }
        return database;
    }

    public String jdbcUrl() {
        return server().jdbcUrl(name());
    }

    /** The shared server, for tests that need server-wide views (statistics, other databases). */
    public PostgresServer server() {
        return SharedServer.server();
    }

    /**
     * Runs {@code action} and returns the SQL of every statement it executed through {@link #dataSource()}
     * (or {@link #dsl()}), in order: counted at the JDBC level, below jOOQ.
     */
    public List<String> statementsDuring(ThrowingRunnable action) {
        List<String> statements = tracker.startRecording();
        try {
            action.run();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            tracker.stopRecording();
        }
        return List.copyOf(statements);
    }

    /** An action that may throw, for {@link #statementsDuring(ThrowingRunnable)}. */
    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** How many connections from {@link #dataSource()} are open right now. */
    public int openConnections() {
        return tracker.openCount();
    }

    private void failOnLeakedConnections(String where) {
        List<String> leaks = tracker.closeLeaked();
        if (!leaks.isEmpty()) {
            throw new AssertionError(where + " left " + leaks.size() + " connection(s) open; close every connection "
                    + "(try-with-resources). Opened at:\n" + String.join("\n", leaks));
        }
    }

    private final class TrackedDataSource implements DataSource {
        private DataSource target() {
            return server().dataSource(name());
        }

        @Override
        public Connection getConnection() throws SQLException {
            return tracker.track(target().getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return tracker.track(target().getConnection(username, password));
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
            // The driver logs through java.util.logging; nothing to redirect here.
        }

        @Override
        public void setLoginTimeout(int seconds) {
            // Connections are local; the driver's default applies.
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            if (type.isInstance(this)) {
                return type.cast(this);
            }
            throw new SQLException("TestDatabase's data source does not wrap a " + type.getName());
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return type.isInstance(this);
        }
    }
}
