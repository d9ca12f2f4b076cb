package dev.fetchplan.postgres;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A {@code postgres:<major>} container. Testcontainers is an optional dependency: this class is loaded only
 * when the mode is selected and the dependency is present.
 */
final class TestcontainersBackend implements PostgresServer.Backend {

    private final PostgreSQLContainer container;

    private TestcontainersBackend(PostgreSQLContainer container) {
        this.container = container;
    }

    static TestcontainersBackend start(PostgresSettings settings) {
        String image = "postgres:" + settings.requiredMajorVersion().orElse(PostgresSettings.NEWEST_SUPPORTED_MAJOR);
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException("fetchplan.postgres=testcontainers needs a running Docker engine, and none was found. "
                    + "Use the embedded PostgreSQL (the default: leave fetchplan.postgres unset) or point FETCHPLAN_JDBC_URL at a server.");
        }
        PostgreSQLContainer container = new PostgreSQLContainer(image);
        container.start();
        return new TestcontainersBackend(container);
    }

    @Override
    public String description() {
        return "Testcontainers " + container.getDockerImageName();
    }

    @Override
    public String defaultDatabase() {
        return container.getDatabaseName();
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + container.getHost() + ":" + container.getFirstMappedPort() + "/" + database;
    }

    @Override
    public String user() {
        return container.getUsername();
    }

    @Override
    public String password() {
        return container.getPassword();
    }

    @Override
    public void close() {
        container.stop();
    }
}
