package dev.fetchplan.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fetchplan.QueryGuard;
import dev.fetchplan.postgres.PostgresMode;
import dev.fetchplan.postgres.PostgresSettings;
import dev.fetchplan.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The running service over HTTP on a random port, on a fresh database seeded by the service itself. */
class ExampleAppTest {

    private static final int SEEDED_USERS = 250;

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migrated();

    private static ExampleApp app;
    private static Http http;

    @BeforeAll
    static void start() {
        PostgresSettings external = new PostgresSettings(PostgresMode.EXTERNAL, OptionalInt.empty(), Optional.of(database.jdbcUrl()),
                database.server().user(), database.server().password(), Optional.empty());
        app = ExampleApp.start(external, AppSettings.fromEnvironment(Map.of("PORT", "0", "FETCHPLAN_SEED_USERS",
                Integer.toString(SEEDED_USERS), "FETCHPLAN_ROUND_TRIP_MS", "0")));
        http = new Http(app.port());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void usersArePagedWithTheDocumentedShape() {
        Http.Response response = http.get("/users?limit=3");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        JsonNode body = response.json();
        assertThat(fieldNames(body)).containsExactly("users", "nextAfter");
        assertThat(body.get("users")).hasSize(3).allSatisfy(user -> assertThat(fieldNames(user)).containsExactly("id", "name"));
        assertThat(body.get("nextAfter").asLong()).isEqualTo(body.get("users").get(2).get("id").asLong());
        assertThat(response.queryCount()).isEqualTo(1);
        assertThat(response.headers().firstValue("Server-Timing")).hasValueSatisfying(timing -> assertThat(timing).matches("db;dur=\\d+\\.\\d{3}"));
    }

    @Test
    void usersWithPostsAndCommentsHaveTheDocumentedShape() {
        JsonNode body = http.get("/users-with-posts-and-comments?limit=20&postsPerUser=5&commentsPerPost=3").json();

        assertThat(fieldNames(body)).containsExactly("users", "nextAfter");
        List<JsonNode> comments = new ArrayList<>();
        for (JsonNode user : body.get("users")) {
            assertThat(fieldNames(user)).containsExactly("id", "name", "posts");
            assertThat(user.get("posts").size()).isLessThanOrEqualTo(5);
            for (JsonNode post : user.get("posts")) {
                assertThat(fieldNames(post)).containsExactly("id", "title", "createdAt", "comments");
                Instant.parse(post.get("createdAt").asText());
                assertThat(post.get("comments").size()).isLessThanOrEqualTo(3);
                post.get("comments").forEach(comments::add);
            }
        }
        assertThat(comments).isNotEmpty().allSatisfy(comment -> {
            assertThat(fieldNames(comment)).containsExactly("id", "content", "createdAt", "author");
            assertThat(fieldNames(comment.get("author"))).containsExactly("id", "name");
            Instant.parse(comment.get("createdAt").asText());
        });
        JsonNode posts = http.get("/users-with-posts?limit=20&postsPerUser=5").json();
        assertThat(posts.get("users")).allSatisfy(user -> assertThat(user.get("posts"))
                .allSatisfy(post -> assertThat(fieldNames(post)).containsExactly("id", "title", "createdAt")));
    }

    @ParameterizedTest(name = "limit {0}")
    @ValueSource(ints = {1, 20, 100})
    void theQueryCountIsThePlansForAnyLimitAndBothStrategiesReturnTheSameBody(int limit) {
        for (String path : List.of("/users-with-posts", "/users-with-posts-and-comments")) {
            int levels = path.endsWith("comments") ? 3 : 2;
            Http.Response batched = http.get(path + "?limit=" + limit + "&strategy=batched");
            Http.Response multiset = http.get(path + "?limit=" + limit + "&strategy=multiset");
            Http.Response stacked = http.get(path + "?limit=" + limit + "&strategy=STACKED");
            Http.Response byDefault = http.get(path + "?limit=" + limit);

            assertThat(batched.queryCount()).isEqualTo(levels);
            assertThat(multiset.queryCount()).isEqualTo(1);
            assertThat(stacked.queryCount()).isEqualTo(1);
            assertThat(byDefault.queryCount()).as("auto, with a declared round trip of 0, is batched").isEqualTo(levels);
            assertThat(multiset.body()).isEqualTo(batched.body()).isEqualTo(byDefault.body()).isEqualTo(stacked.body());
            assertThat(batched.json().get("users")).hasSize(limit);
        }
    }

    @Test
    void paginationWalksEveryUserExactlyOnce() {
        for (String path : List.of("/users?limit=100", "/users-with-posts?limit=100&postsPerUser=1&strategy=multiset")) {
            Set<Long> seen = new HashSet<>();
            List<Long> order = new ArrayList<>();
            String next = "0";
            int pages = 0;
            while (next != null) {
                JsonNode body = http.get(path + "&after=" + next).json();
                body.get("users").forEach(user -> {
                    assertThat(seen.add(user.get("id").asLong())).as("user %s seen twice", user.get("id")).isTrue();
                    order.add(user.get("id").asLong());
                });
                next = body.get("nextAfter").isNull() ? null : body.get("nextAfter").asText();
                pages++;
            }
            assertThat(seen).hasSize(SEEDED_USERS);
            assertThat(order).isSorted();
            assertThat(pages).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"batched", "stacked", "multiset"})
    void theExportStreamsEveryUserOnceEachAsUsersWithPostsReturnsThem(String strategy) {
        List<JsonNode> paged = new ArrayList<>();
        String next = "0";
        while (next != null) {
            JsonNode body = http.get("/users-with-posts?limit=100&postsPerUser=3&after=" + next).json();
            body.get("users").forEach(paged::add);
            next = body.get("nextAfter").isNull() ? null : body.get("nextAfter").asText();
        }
        Http.Response export = http.get("/export/users-with-posts?chunk=40&postsPerUser=3&strategy=" + strategy);
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/x-ndjson"));
        assertThat(export.headers().firstValue("X-Served-By")).contains("primary");
        assertThat(export.body()).endsWith("\n");
        List<JsonNode> exported = export.body().lines().map(Http::parse).toList();
        assertThat(exported).hasSize(SEEDED_USERS).isEqualTo(paged);
    }

    @Test
    void aReadAfterPositionThatIsNotOneIsA400() {
        Http.Response response = http.get("/users", "X-Read-After", "yesterday");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("error").asText()).isEqualTo("X-Read-After is 'yesterday'; allowed: a WAL position such as 16/B374D848");
    }

    @Test
    void oneUserWithPostsAndCommentsOr404() {
        long id = http.get("/users?limit=1").json().get("users").get(0).get("id").asLong();

        Http.Response found = http.get("/users/" + id + "?strategy=multiset");
        Http.Response missing = http.get("/users/999999");

        assertThat(found.status()).isEqualTo(200);
        assertThat(fieldNames(found.json())).containsExactly("id", "name", "posts");
        assertThat(found.queryCount()).isEqualTo(1);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("error").asText()).isEqualTo("no user with id 999999");
    }

    @Test
    void postCountsAndHealth() {
        Http.Response counts = http.get("/stats/post-counts");
        JsonNode ranking = counts.json().get("postCounts");

        assertThat(fieldNames(counts.json())).containsExactly("postCounts");
        assertThat(ranking).hasSize(10).allSatisfy(row -> assertThat(fieldNames(row)).containsExactly("userId", "name", "postCount"));
        List<Long> postCounts = new ArrayList<>();
        ranking.forEach(row -> postCounts.add(row.get("postCount").asLong()));
        assertThat(postCounts).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(counts.queryCount()).isEqualTo(1);
        assertThat(http.get("/health").status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "/users?limit=0|limit", "/users?limit=101|limit", "/users?limit=abc|limit", "/users?limit=1.5|limit",
            "/users?after=-1|after", "/users?after=x|after", "/users?limit=5&limit=6|limit", "/users?foo=1|foo",
            "/users-with-posts?strategy=fast|strategy", "/users-with-posts?postsPerUser=0|postsPerUser",
            "/users-with-posts?commentsPerPost=2|commentsPerPost", "/users-with-posts-and-comments?commentsPerPost=x|commentsPerPost",
            "/users-with-posts-and-comments?postsPerUser=-3|postsPerUser", "/users/abc|id", "/users/0|id",
            "/users/1?limit=3|limit", "/export/users-with-posts?chunk=10000&postsPerUser=100|chunk", "/stats/post-counts?limit=1000|limit", "/health?verbose=1|verbose"})
    void badInputIsA400NamingTheParameter(String caseSpec) {
        String[] parts = caseSpec.split("\\|");

        Http.Response response = http.get(parts[0]);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("error").asText()).contains(parts[1]).contains("allowed");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void anUnknownStrategyIsA400ListingEveryStrategy() {
        Http.Response response = http.get("/users-with-posts?strategy=fast");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("error").asText()).isEqualTo("strategy is 'fast'; allowed: multiset, batched, stacked, auto");
    }

    @Test
    void anUnknownEndpointIsA404InJson() {
        Http.Response response = http.get("/nope");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("error").asText()).contains("no endpoint GET /nope");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
