package dev.fetchplan.example.reliability;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * An embedded PostgreSQL that can be stopped and started again on the same port and data directory, as an outage
 * and a recovery look to a service: its connections are closed, new ones are refused, and afterwards the same
 * address serves the same data. Not thread-safe: one controller.
 */
public final class RestartablePostgres implements AutoCloseable {

    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres running;

    private RestartablePostgres(Path dataDirectory, int port) {
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    /** Starts a fresh server in a new temporary data directory on a free port. */
    public static RestartablePostgres start() {
        try {
            RestartablePostgres postgres = new RestartablePostgres(Files.createTempDirectory("fetchplan-restartable-"), freePort());
            postgres.startAgain();
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** Starts the server again after {@link #stop()}: same port, same data. */
    public void startAgain() {
        if (running != null) {
            throw new IllegalStateException("the server is running; stop it first");
        }
        try {
            running = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    .start();
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

    /** The URL of {@code database} on this server (it need not be running). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    public void createDatabase(String name) {
        try (var connection = dataSource().getConnection(); var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE \"" + name.replace("\"", "\"\"") + "\"");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Cannot create database " + name + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
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

    private static void deleteRecursively(Path directory) {
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
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
