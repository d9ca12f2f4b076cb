package dev.fetchplan.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fetchplan.QueryGuard;
import dev.fetchplan.postgres.PostgresSettings;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** With its own embedded database stopped, the service answers 503 in JSON, quickly, and recovers nothing it should not. */
class DatabaseOutageTest {

    @Test
    void whenTheDatabaseStopsHealthAndDataEndpointsAnswer503() {
        try (ExampleApp app = ExampleApp.start(PostgresSettings.embedded(), new AppSettings(0, 20, false, QueryGuard.Mode.STRICT, Optional.empty()))) {
            Http http = new Http(app.port());
            assertThat(http.get("/health").status()).isEqualTo(200);
            assertThat(http.get("/users").status()).isEqualTo(200);

            app.database().stopServer();

            for (String path : new String[] {"/health", "/users", "/users-with-posts-and-comments?strategy=multiset", "/stats/post-counts"}) {
                Http.Response response = http.get(path);
                assertThat(response.status()).as(path).isEqualTo(503);
                assertThat(response.json().get("error").asText()).as(path).contains("database unavailable");
                assertThat(response.body()).doesNotContain("Exception");
            }
        }
    }
}
