package dev.fetchplan.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A running PostgreSQL, however it was obtained ({@link PostgresMode}), with the few operations codegen,
 * tests and the example app need: connection details per database, creating databases from templates and
 * dropping them. Closing it stops what it started (an embedded server or a container); an external server
 * is left running. Thread-safe.
 */
public final class PostgresServer implements AutoCloseable {

    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final Backend backend;
    private final int majorVersion;

    private PostgresServer(Backend backend) throws SQLException {
        this.backend = backend;
        this.majorVersion = queryMajorVersion(dataSource(backend.defaultDatabase()));
    }

    /** Starts (or connects to) the server the environment asks for: see {@link PostgresSettings#fromEnvironment()}. */
    public static PostgresServer start() {
        return start(PostgresSettings.fromEnvironment());
    }

    /**
     * Starts (or connects to) a server as {@code settings} say, and checks that it runs the required major
     * version, if one is required.
     *
     * @throws IllegalStateException if the server cannot be had, with the reason and what to do about it
     */
    public static PostgresServer start(PostgresSettings settings) {
        return start(settings, true);
    }

    /**
     * Like {@link #start(PostgresSettings)}; with {@code stopOnExit} false an embedded server does not stop by itself
     * when the JVM exits (zonky's shutdown hook, which runs alongside every other hook): for a service that closes it
     * in its own shutdown hook, after draining the requests that still use it.
     */
    public static PostgresServer start(PostgresSettings settings, boolean stopOnExit) {
        Objects.requireNonNull(settings, "settings");
        Backend backend = switch (settings.mode()) {
            case EMBEDDED -> EmbeddedBackend.start(settings, stopOnExit);
            case EXTERNAL -> new ExternalBackend(settings);
            case TESTCONTAINERS -> startTestcontainers(settings);
        };
        PostgresServer server;
        try {
            server = new PostgresServer(backend);
        } catch (SQLException e) {
            backend.close();
            throw new IllegalStateException("Cannot connect to " + backend.description() + ": " + e.getMessage(), e);
        }
        if (settings.requiredMajorVersion().isPresent() && settings.requiredMajorVersion().getAsInt() != server.majorVersion) {
            server.close();
            throw new IllegalStateException("PostgreSQL " + settings.requiredMajorVersion().getAsInt() + " was required but "
                    + backend.description() + " runs PostgreSQL " + server.majorVersion + ". For the embedded server, build with "
                    + "-Dfetchplan.postgres.version=" + settings.requiredMajorVersion().getAsInt()
                    + " so that Maven puts that version's binaries on the classpath.");
        }
        return server;
    }

    private static Backend startTestcontainers(PostgresSettings settings) {
        try {
            Class.forName("org.testcontainers.postgresql.PostgreSQLContainer", false, PostgresServer.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("fetchplan.postgres=testcontainers needs org.testcontainers:testcontainers-postgresql on the classpath", e);
        }
        return TestcontainersBackend.start(settings);
    }

    /** The server's major version, e.g. 18. */
    public int majorVersion() {
        return majorVersion;
    }

    /** What this server is, for logs: e.g. "embedded PostgreSQL on port 34567". */
    public String description() {
        return backend.description() + " (PostgreSQL " + majorVersion + ")";
    }

    /** The database a fresh server offers, and the one an external URL names. */
    public String defaultDatabase() {
        return backend.defaultDatabase();
    }

    public String jdbcUrl(String database) {
        return backend.jdbcUrl(checkDatabaseName(database, "database"));
    }

    public String user() {
        return backend.user();
    }

    public String password() {
        return backend.password();
    }

    /** An unpooled data source for {@code database}; every {@code getConnection()} opens a new connection. */
    public DataSource dataSource(String database) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl(database));
        dataSource.setUser(user());
        dataSource.setPassword(password());
        return dataSource;
    }

    /** Creates an empty database. */
    public void createDatabase(String name) {
        executeInDefaultDatabase("CREATE DATABASE " + checkDatabaseName(name, "name"));
    }

    /**
     * Creates {@code name} as a copy of {@code template}, which costs milliseconds where a migration costs
     * seconds. The template must have no open connections.
     */
    public void createDatabaseFromTemplate(String name, String template) {
        executeInDefaultDatabase("CREATE DATABASE " + checkDatabaseName(name, "name") + " TEMPLATE " + checkDatabaseName(template, "template"));
    }

    /** Drops {@code name} if it exists, closing any connections still open to it. */
    public void dropDatabase(String name) {
        executeInDefaultDatabase("DROP DATABASE IF EXISTS " + checkDatabaseName(name, "name") + " WITH (FORCE)");
    }

    /** Stops an embedded server or a container; leaves an external server running. */
    @Override
    public void close() {
        backend.close();
    }

    private void executeInDefaultDatabase(String sql) {
        try (Connection connection = dataSource(defaultDatabase()).getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("'" + sql + "' failed on " + description() + ": " + e.getMessage(), e);
        }
    }

    private static int queryMajorVersion(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT current_setting('server_version_num')::int / 10000")) {
            result.next();
            return result.getInt(1);
        }
    }

    private static String checkDatabaseName(String name, String parameter) {
        Objects.requireNonNull(name, parameter);
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(parameter + " is '" + name + "'; allowed: 1 to 63 lowercase letters, digits and underscores, not starting with a digit");
        }
        return name;
    }

    /** How a server was obtained; each implementation knows how to reach and release it. */
    sealed interface Backend permits EmbeddedBackend, ExternalBackend, TestcontainersBackend {
        String description();

        String defaultDatabase();

        String jdbcUrl(String database);

        String user();

        String password();

        void close();
    }
}
