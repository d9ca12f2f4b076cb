package dev.fetchplan.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fetchplan.postgres.PostgresSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With its own embedded database stopped, the service answers 503 in JSON with Retry-After, while liveness stays 200. */
class DatabaseOutageTest {

    @Test
    void whenTheDatabaseStopsReadinessAndDataEndpointsAnswer503AndLivenessStays200() {
        try (ExampleApp app = ExampleApp.start(PostgresSettings.embedded(), AppSettings.fromEnvironment(Map.of("PORT", "0", "FETCHPLAN_SEED_USERS", "20")))) {
            Http http = new Http(app.port());
            assertThat(http.get("/health").status()).isEqualTo(200);
            assertThat(http.get("/ready").status()).isEqualTo(200);
            assertThat(http.get("/users").status()).isEqualTo(200);

            app.database().stopServer();

            assertThat(http.get("/health").status()).as("liveness never asks the database").isEqualTo(200);
            for (String path : new String[] {"/ready", "/users", "/users-with-posts-and-comments?strategy=multiset", "/stats/post-counts"}) {
                Http.Response response = http.get(path);
                assertThat(response.status()).as(path).isEqualTo(503);
                assertThat(response.headers().firstValue("Retry-After")).as(path).contains("5");
                assertThat(response.json().get("error").asText()).as(path).contains("database unavailable");
                assertThat(response.body()).doesNotContain("Exception");
            }
        }
    }
}
