package dev.fetchplan.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresServerTest {

    private static PostgresServer server;

    @BeforeAll
    static void start() {
        server = PostgresServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theServerRunsTheMajorVersionTheBuildSelected() {
        String selected = System.getProperty("fetchplan.postgres.version");
        assumeTrue(selected != null, "no version selected");

        assertThat(server.majorVersion()).isEqualTo(Integer.parseInt(selected));
    }

    @Test
    void createsUsesAndDropsDatabases() throws SQLException {
        server.createDatabase("server_test_scratch");
        try (Connection connection = server.dataSource("server_test_scratch").getConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT current_database()")) {
            result.next();
            assertThat(result.getString(1)).isEqualTo("server_test_scratch");
        }
        server.createDatabaseFromTemplate("server_test_copy", "server_test_scratch");

        server.dropDatabase("server_test_copy");
        server.dropDatabase("server_test_scratch");

        assertThat(databaseExists("server_test_scratch")).isFalse();
        assertThat(databaseExists("server_test_copy")).isFalse();
    }

    @Test
    void databaseNamesThatCouldInjectSqlAreRejected() {
        assertThatThrownBy(() -> server.createDatabase("x; DROP DATABASE postgres"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lowercase letters, digits and underscores");
    }

    @Test
    void aServerOfTheWrongMajorVersionIsRejectedSayingHowToSelectTheRightOne() {
        int other = server.majorVersion() == 18 ? 15 : 18;
        PostgresSettings settings = new PostgresSettings(PostgresMode.EXTERNAL, OptionalInt.of(other),
                Optional.of(server.jdbcUrl("postgres")), server.user(), server.password(), Optional.empty());

        assertThatThrownBy(() -> PostgresServer.start(settings))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PostgreSQL " + other + " was required")
                .hasMessageContaining("-Dfetchplan.postgres.version=" + other);
    }

    @Test
    void anExternalServerIsReachedThroughItsUrlAndOtherDatabasesOnIt() {
        PostgresSettings settings = PostgresSettings.from(Map.of(
                "FETCHPLAN_JDBC_URL", server.jdbcUrl("postgres") + "?ApplicationName=fetchplan-test",
                "FETCHPLAN_DB_USER", server.user()), property -> null);

        try (PostgresServer external = PostgresServer.start(settings)) {
            assertThat(external.defaultDatabase()).isEqualTo("postgres");
            assertThat(external.jdbcUrl("other")).endsWith("/other?ApplicationName=fetchplan-test");
            assertThat(external.majorVersion()).isEqualTo(server.majorVersion());
        }
        assertThat(databaseExists("postgres")).as("closing an external server leaves it running").isTrue();
    }

    private static boolean databaseExists(String name) {
        try (Connection connection = server.dataSource("postgres").getConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + name + "'")) {
            result.next();
            return result.getInt(1) == 1;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
