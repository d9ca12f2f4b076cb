package com.example.blog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fetchplan.NPlusOneException;
import dev.fetchplan.QueryGuard;
import dev.fetchplan.blog.BlogQueries;
import dev.fetchplan.blog.UserQuery;
import dev.fetchplan.spring.test.FetchplanTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record1;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service over HTTP on its embedded PostgreSQL, with the guard strict as in every test ({@link FetchplanTest}): pages
 * of the blog API, metrics per plan and strategy, statements that name their plan in pg_stat_statements, and an N+1
 * loop, written on purpose, that fails.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@FetchplanTest
class BlogApplicationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    DSLContext dsl;

    @Autowired
    QueryGuard guard;

    @Autowired
    BlogQueries blog;

    /** What an ORM does behind {@code user.getPosts()}: one statement for the users, then one per user. */
    static List<String> titlesOneUserAtATime(DSLContext dsl) {
        List<String> titles = new ArrayList<>();
        for (Record1<Long> user : dsl.select(DSL.field("id", Long.class)).from("users").orderBy(DSL.field("id")).limit(20).fetch()) {
            titles.addAll(dsl.select(DSL.field("title", String.class)).from("posts")
                    .where(DSL.field("user_id", Long.class).eq(user.value1())).fetch(Record1::value1));
        }
        return titles;
    }

    /** An endpoint with the N+1 mistake, for the request scope to catch. */
    @TestConfiguration(proxyBeanMethods = false)
    static class NaiveEndpoint {
        @RestController
        static class NaiveController {
            private final DSLContext dsl;

            NaiveController(DSLContext dsl) {
                this.dsl = dsl;
            }

            @GetMapping("/naive/titles")
            List<String> titles() {
                return titlesOneUserAtATime(dsl);
            }
        }
    }

    @Test
    void aPageOfUsersWithPostsIsOneFetchOfTheirPlan() throws Exception {
        HttpResponse<String> response = get("/users-with-posts?pageSize=5&postsPerUser=2");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode users = JSON.readTree(response.body());
        assertThat(users).hasSize(5);
        assertThat(users.get(0).get("name").asString()).isEqualTo("User 1");
        assertThat(users.get(0).get("posts")).hasSize(2);
        guard.assertStatements(3, () -> blog.fetchUsersWithPostsAndComments(UserQuery.builder().pageSize(100).build()));
    }

    @Test
    void aBadParameterIsA400SayingWhatIsAllowed() throws Exception {
        HttpResponse<String> response = get("/users-with-posts?pageSize=0");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("error").asString()).contains("pageSize is 0; allowed: 1 to 100");
    }

    @Test
    void anNPlusOneLoopWrittenInATestFailsUnderTheGuard() {
        assertThatThrownBy(() -> titlesOneUserAtATime(dsl))
                .isInstanceOf(NPlusOneException.class)
                .hasMessageContaining("anNPlusOneLoopWrittenInATestFailsUnderTheGuard");
    }

    @Test
    void anEndpointWithAnNPlusOneLoopFailsItsRequest() throws Exception {
        assertThat(get("/naive/titles").statusCode()).isEqualTo(500);
        assertThat(get("/users-with-posts-and-comments?pageSize=100").statusCode()).isEqualTo(200);
    }

    @Test
    void metricsShowFetchTimingsByPlanAndStrategy() throws Exception {
        assertThat(get("/users-with-posts?strategy=MULTISET").statusCode()).isEqualTo(200);
        assertThat(get("/users-with-posts-and-comments").statusCode()).isEqualTo(200);
        JsonNode metric = JSON.readTree(get("/actuator/metrics/fetchplan.fetch").body());
        List<String> plans = values(metric, "fetchplan.plan");
        assertThat(plans).contains("users(posts)", "users(posts(comments))");
        assertThat(values(metric, "fetchplan.strategy")).contains("MULTISET", "BATCHED");
        JsonNode multiset = JSON.readTree(get("/actuator/metrics/fetchplan.fetch?tag=fetchplan.plan:users(posts)"
                + "&tag=fetchplan.strategy:MULTISET").body());
        assertThat(statistic(multiset, "COUNT")).isGreaterThanOrEqualTo(1);
        assertThat(statistic(multiset, "TOTAL_TIME")).isPositive();
    }

    @Test
    void everyStatementOfAFetchNamesItsPlanInPgStatStatements() throws Exception {
        dsl.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        assertThat(get("/users-with-posts-and-comments?pageSize=3").statusCode()).isEqualTo(200);
        List<String> statements = dsl.resultQuery("SELECT query FROM pg_stat_statements WHERE query LIKE '%fetchplan_plan=%'")
                .fetch(0, String.class);
        assertThat(statements).filteredOn(sql -> sql.contains("/*fetchplan_plan='users%28posts%28comments%29%29'*/"))
                .hasSizeGreaterThanOrEqualTo(3);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> values(JsonNode metric, String tag) {
        for (JsonNode available : metric.get("availableTags")) {
            if (available.get("tag").asString().equals(tag)) {
                return available.get("values").valueStream().map(JsonNode::asString).toList();
            }
        }
        return List.of();
    }

    private static double statistic(JsonNode metric, String statistic) {
        for (JsonNode measurement : metric.get("measurements")) {
            if (measurement.get("statistic").asString().equals(statistic)) {
                return measurement.get("value").asDouble();
            }
        }
        throw new AssertionError("no " + statistic + " in " + metric);
    }
}
