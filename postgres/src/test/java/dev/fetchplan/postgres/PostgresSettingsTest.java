package dev.fetchplan.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

class PostgresSettingsTest {

    @Test
    void embeddedIsTheDefaultWhenNothingIsSet() {
        PostgresSettings settings = PostgresSettings.from(Map.of(), property -> null);

        assertThat(settings.mode()).isEqualTo(PostgresMode.EMBEDDED);
        assertThat(settings.requiredMajorVersion()).isEmpty();
    }

    @Test
    void aJdbcUrlInTheEnvironmentSelectsTheExternalServerWithItsCredentials() {
        PostgresSettings settings = PostgresSettings.from(Map.of(
                "FETCHPLAN_JDBC_URL", "jdbc:postgresql://db.internal:5433/blog",
                "FETCHPLAN_DB_USER", "app",
                "FETCHPLAN_DB_PASSWORD", "secret"), property -> null);

        assertThat(settings.mode()).isEqualTo(PostgresMode.EXTERNAL);
        assertThat(settings.jdbcUrl()).contains("jdbc:postgresql://db.internal:5433/blog");
        assertThat(settings.user()).isEqualTo("app");
        assertThat(settings.password()).isEqualTo("secret");
    }

    @Test
    void systemPropertiesWinOverEnvironmentVariables() {
        PostgresSettings settings = PostgresSettings.from(
                Map.of("FETCHPLAN_POSTGRES", "external", "FETCHPLAN_POSTGRES_VERSION", "16"),
                property -> switch (property) {
                    case "fetchplan.postgres" -> "embedded";
                    case "fetchplan.postgres.version" -> "15";
                    default -> null;
                });

        assertThat(settings.mode()).isEqualTo(PostgresMode.EMBEDDED);
        assertThat(settings.requiredMajorVersion()).isEqualTo(OptionalInt.of(15));
    }

    @Test
    void anUnknownModeIsRejectedNamingTheAllowedModes() {
        assertThatThrownBy(() -> PostgresSettings.from(Map.of("FETCHPLAN_POSTGRES", "docker"), property -> null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fetchplan.postgres is 'docker'")
                .hasMessageContaining("embedded, external, testcontainers");
    }

    @Test
    void anUnsupportedOrMalformedVersionIsRejectedNamingTheSupportedRange() {
        assertThatThrownBy(() -> PostgresSettings.from(Map.of("FETCHPLAN_POSTGRES_VERSION", "14"), property -> null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fetchplan.postgres.version is 14")
                .hasMessageContaining("from 15 to 18");
        assertThatThrownBy(() -> PostgresSettings.from(Map.of("FETCHPLAN_POSTGRES_VERSION", "eighteen"), property -> null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'eighteen'");
    }

    @Test
    void externalModeWithoutAUrlIsRejectedSayingWhatToSet() {
        assertThatThrownBy(() -> PostgresSettings.from(Map.of("FETCHPLAN_POSTGRES", "external"), property -> null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FETCHPLAN_JDBC_URL");
    }

    @Test
    void testcontainersWithoutADockerEngineFailsWithAClearMessage() {
        assumeFalse(DockerClientFactory.instance().isDockerAvailable(), "a Docker engine is available here");
        PostgresSettings settings = PostgresSettings.from(Map.of("FETCHPLAN_POSTGRES", "testcontainers"), property -> null);

        assertThatThrownBy(() -> PostgresServer.start(settings))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs a running Docker engine")
                .hasMessageContaining("embedded");
    }
}
