package dev.fetchplan.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Map;
import javax.sql.DataSource;

/**
 * An embedded PostgreSQL (the zonky binaries) that can be stopped and started again on the same port and data
 * directory, as an outage and a recovery look to a service: its connections are closed, new ones are refused, and
 * afterwards the same address serves the same data. Also the node of a {@link ReplicatedPostgres}. Not
 * thread-safe: one controller.
 */
public final class RestartablePostgres implements AutoCloseable {

    private final Path dataDirectory;
    private final int port;
    private final Map<String, String> configuration;
    private EmbeddedPostgres running;

    private RestartablePostgres(Path dataDirectory, int port, Map<String, String> configuration) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.configuration = Map.copyOf(configuration);
    }

    /** Starts a fresh server in a new temporary data directory on a free port. */
    public static RestartablePostgres start() {
        return start(Map.of());
    }

    /** Starts a fresh server with {@code configuration} (server settings) in a new temporary data directory on a free port. */
    public static RestartablePostgres start(Map<String, String> configuration) {
        try {
            return startOn(Files.createTempDirectory("fetchplan-postgres-"), configuration);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a data directory: " + e.getMessage(), e);
        }
    }

    /** Starts a server on the data directory {@code dataDirectory} (initialized if empty) on a free port. */
    static RestartablePostgres startOn(Path dataDirectory, Map<String, String> configuration) {
        try {
            RestartablePostgres postgres = new RestartablePostgres(dataDirectory, freePort(), configuration);
            postgres.startAgain();
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free port: " + e.getMessage(), e);
        }
    }

    /** Starts the server again after {@link #stop()}: same port, same data. */
    public void startAgain() {
        if (running != null) {
            throw new IllegalStateException("the server is running; stop it first");
        }
        EmbeddedPostgres.Builder builder = EmbeddedBackend.builder()
                .setPort(port)
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false);
        configuration.forEach(builder::setServerConfig);
        try {
            running = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL on port " + port + ": " + e.getMessage(), e);
        }
    }

    /** Stops the server (fast shutdown: sessions are terminated, in-flight statements fail). */
    public void stop() {
        if (running == null) {
            return;
        }
        try {
            running.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot stop the embedded PostgreSQL: " + e.getMessage(), e);
        } finally {
            running = null;
        }
    }

    public boolean isRunning() {
        return running != null;
    }

    /** The URL of {@code database} on this server (it need not be running). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    Path dataDirectory() {
        return dataDirectory;
    }

    public void createDatabase(String name) {
        try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE \"" + name.replace("\"", "\"\"") + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + name + ": " + e.getMessage(), e);
        }
    }

    /** Connections to the running server's {@code postgres} database, as its superuser. */
    public DataSource dataSource() {
        return dataSource("postgres");
    }

    /** Connections to the running server's {@code database}, as its superuser. */
    public DataSource dataSource(String database) {
        if (running == null) {
            throw new IllegalStateException("the server is stopped");
        }
        return running.getDatabase("postgres", database);
    }

    /** Stops the server and deletes its data directory. */
    @Override
    public void close() {
        try {
            stop();
        } finally {
            deleteRecursively(dataDirectory);
        }
    }

    static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + directory, e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
