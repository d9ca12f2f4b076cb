package dev.fetchplan.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;

/** A PostgreSQL process started from the zonky binaries on the classpath. */
final class EmbeddedBackend implements PostgresServer.Backend {

    private final EmbeddedPostgres postgres;

    private EmbeddedBackend(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** How every embedded server of the project starts: a generous startup wait, room for pools, pg_stat_statements. */
    static EmbeddedPostgres.Builder builder() {
        return EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "200")
                // Lets tests count what the server executed, not only what the client says it sent.
                .setServerConfig("shared_preload_libraries", "pg_stat_statements");
    }

    static EmbeddedBackend start(PostgresSettings settings, boolean stopOnExit) {
        EmbeddedPostgres.Builder builder = builder().setRegisterShutdownHook(stopOnExit);
        try {
            if (settings.embeddedDataDirectory().isPresent()) {
                Files.createDirectories(settings.embeddedDataDirectory().get());
                builder.setDataDirectory(settings.embeddedDataDirectory().get()).setCleanDataDirectory(false);
            }
            return new EmbeddedBackend(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    @Override
    public String description() {
        return "embedded PostgreSQL on port " + postgres.getPort();
    }

    @Override
    public String defaultDatabase() {
        return "postgres";
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
    }

    @Override
    public String user() {
        return "postgres";
    }

    @Override
    public String password() {
        return "";
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot stop the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }
}
