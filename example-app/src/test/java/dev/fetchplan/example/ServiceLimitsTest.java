package dev.fetchplan.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.fetchplan.NPlusOneException;
import dev.fetchplan.QueryGuard;
import dev.fetchplan.QueryScope;
import dev.fetchplan.postgres.LatencyProxy;
import dev.fetchplan.postgres.PostgresMode;
import dev.fetchplan.postgres.PostgresSettings;
import dev.fetchplan.testing.Await;
import dev.fetchplan.testing.TestDatabase;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The service's bounds and its behaviour at the edges: responses bounded in rows and per-parent caps, Jetty's own
 * refusals in JSON, errors that tell a client what it may change and nothing internal, pool exhaustion told apart
 * from an outage, seeding only an empty database, a failed start that leaves nothing open, a shutdown that lets
 * requests in flight finish.
 */
class ServiceLimitsTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migrated();

    @Test
    void aResponseOverTheRowBudgetIsA400SayingWhatToAskForLess() {
        try (ExampleApp app = start(database.jdbcUrl(), Map.of("FETCHPLAN_SEED_USERS", "100", "FETCHPLAN_MAX_ROWS", "50"))) {
            Http http = new Http(app.port());
            Http.Response tooMuch = http.get("/users-with-posts-and-comments?limit=100&postsPerUser=100&commentsPerPost=100");
            assertThat(tooMuch.status()).isEqualTo(400);
            assertThat(tooMuch.json().get("error").asText()).isEqualTo("the response would carry more than 50 rows (users, posts and "
                    + "comments together); ask for fewer: a smaller limit, postsPerUser or commentsPerPost");
            assertThat(http.get("/users?limit=20").status()).as("21 rows fit").isEqualTo(200);
        }
    }

    @Test
    void perParentCapsHaveADefaultAndAMaximum() {
        try (ExampleApp app = start(database.jdbcUrl(), Map.of("FETCHPLAN_SEED_USERS", "100"))) {
            Http http = new Http(app.port());
            Http.Response response = http.get("/users-with-posts?postsPerUser=101");
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().get("error").asText()).isEqualTo("postsPerUser is '101'; allowed: 1 to 100");
            assertThat(http.get("/users/1?commentsPerPost=101").status()).isEqualTo(400);
            long mostPosts = DSL.using(database.dataSource(), SQLDialect.POSTGRES)
                    .fetchSingle("SELECT max(n) FROM (SELECT count(*) AS n FROM posts GROUP BY user_id) counts").get(0, Long.class);
            assertThat(mostPosts).as("the seed has users with more posts than the default cap").isGreaterThan(Params.DEFAULT_PER_PARENT);
            http.get("/users-with-posts?limit=100").json().get("users")
                    .forEach(user -> assertThat(user.get("posts").size()).isLessThanOrEqualTo(Params.DEFAULT_PER_PARENT));
        }
    }

    @Test
    void aTooLongUriIsA414InJson() {
        try (ExampleApp app = start(database.jdbcUrl(), Map.of("FETCHPLAN_SEED_USERS", "100"))) {
            Http.Response response = new Http(app.port()).get("/users?limit=" + "1".repeat(ExampleApp.MAX_REQUEST_HEADER_BYTES + 100));
            assertThat(response.status()).isEqualTo(414);
            assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
            assertThat(response.json().get("error").asText()).isEqualTo("request URI too long; allowed: up to 8192 bytes of request line and headers");
        }
    }

    @Test
    void anNPlusOneStopIsA500WithoutItsSqlAndAnEngineErrorAGeneric500() {
        QueryGuard guard = QueryGuard.of(QueryGuard.Mode.STRICT);
        DSLContext guarded = guard.guard(DSL.using(database.dataSource(), SQLDialect.POSTGRES));
        NPlusOneException stopped;
        try (QueryScope scope = guard.open("a loop")) {
            stopped = (NPlusOneException) org.assertj.core.api.Assertions.catchThrowable(() -> {
                for (long id = 1; id <= QueryGuard.DEFAULT_THRESHOLD; id++) {
                    guarded.fetch("SELECT name FROM users WHERE id = ?", id);
                }
            });
        }
        AppSettings settings = AppSettings.fromEnvironment(Map.of());
        BlogHttpApi.Failure nPlusOne = BlogHttpApi.Failure.of(stopped, settings, "GET /loop");
        assertThat(nPlusOne.status()).isEqualTo(500);
        assertThat(nPlusOne.message()).isEqualTo("N+1 query detected and stopped; the statement is in the server log")
                .doesNotContainIgnoringCase("select").doesNotContain(stopped.sql());

        BlogHttpApi.Failure engine = BlogHttpApi.Failure.of(new IllegalArgumentException("column c3 of t2 is not in the plan"), settings, "GET /x");
        assertThat(engine).isEqualTo(new BlogHttpApi.Failure(500, "internal error", OptionalInt.empty()));
    }

    @Test
    void anExhaustedPoolIsBusyWhileAnUnreachableDatabaseIsDown() throws Exception {
        try (HikariDataSource pool = pool(database.jdbcUrl()); Connection held = pool.getConnection()) {
            SQLException busy = catchSql(pool);
            assertThat(BlogHttpApi.Cause.of(busy)).as(busy.toString()).isEqualTo(BlogHttpApi.Cause.BUSY);
            assertThat(held.isValid(1)).isTrue();
        }
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        HikariConfig config = poolConfig("jdbc:postgresql://localhost:" + closedPort + "/nothing");
        config.setInitializationFailTimeout(-1);
        try (HikariDataSource unreachable = new HikariDataSource(config)) {
            SQLException down = catchSql(unreachable);
            assertThat(BlogHttpApi.Cause.of(down)).as(down.toString()).isEqualTo(BlogHttpApi.Cause.DATABASE_DOWN);
        }
    }

    @Test
    void seedingFillsAnEmptyDatabaseOnlyUnlessAskedToReset() throws Exception {
        inScratchDatabase("seeding", name -> {
            String url = database.server().jdbcUrl(name);
            DSLContext dsl = DSL.using(database.server().dataSource(name), SQLDialect.POSTGRES);
            start(url, Map.of("FETCHPLAN_SEED_USERS", "5")).close();
            assertThat(dsl.fetchCount(DSL.table("users"))).isEqualTo(5);
            start(url, Map.of("FETCHPLAN_SEED_USERS", "7")).close();
            assertThat(dsl.fetchCount(DSL.table("users"))).as("a second start adds nobody").isEqualTo(5);
            start(url, Map.of("FETCHPLAN_SEED_USERS", "7", "FETCHPLAN_SEED", "reset")).close();
            assertThat(dsl.fetchSingle("SELECT count(*), min(id) FROM users").intoArray()).containsExactly(7L, 1L);
        });
    }

    @Test
    void aStartThatFailsLeavesNoConnectionOpen() throws Exception {
        inScratchDatabase("unmigratable", name -> {
            DSLContext dsl = DSL.using(database.server().dataSource("postgres"), SQLDialect.POSTGRES);
            DSL.using(database.server().dataSource(name), SQLDialect.POSTGRES).execute("CREATE TABLE users (x integer)");
            assertThatThrownBy(() -> start(database.server().jdbcUrl(name), Map.of("FETCHPLAN_SEED_USERS", "5")))
                    .as("Flyway refuses a non-empty schema it did not create").isInstanceOf(RuntimeException.class);
            Await.until("no connection to the database after the failed start (a backend exits asynchronously)", Duration.ofSeconds(5),
                    () -> dsl.fetchSingle("SELECT count(*) FROM pg_stat_activity WHERE datname = ?", name).get(0, Integer.class) == 0);
        });
    }

    @Test
    void closingLetsARequestInFlightFinish() throws Exception {
        inScratchDatabase("draining", name -> {
            start(database.server().jdbcUrl(name), Map.of("FETCHPLAN_SEED_USERS", "50")).close();
            int port = Integer.parseInt(database.server().jdbcUrl(name).replaceAll(".*:(\\d+)/.*", "$1"));
            try (LatencyProxy proxy = LatencyProxy.start("localhost", port, Duration.ofMillis(60))) {
                ExampleApp app = start("jdbc:postgresql://localhost:" + proxy.port() + "/" + name, Map.of("FETCHPLAN_POOL_SIZE", "2"));
                Http http = new Http(app.port());
                assertThat(http.get("/health").status()).as("the client is warm: the next request is sent at once").isEqualTo(200);
                CompletableFuture<Http.Response> inFlight = CompletableFuture.supplyAsync(
                        () -> http.get("/users-with-posts-and-comments?limit=5&strategy=batched"));
                Await.until("the request (4 round trips of 60 ms) to be served", Duration.ofSeconds(10), () -> app.requestsInFlight() == 1);
                app.close();
                Http.Response response = inFlight.get(30, TimeUnit.SECONDS);
                assertThat(response.status()).as(response.body()).isEqualTo(200);
                assertThat(response.json().get("users")).hasSize(5);
            }
        });
    }

    /** A test on a database of its own (the class's is shared), dropped afterwards. */
    @FunctionalInterface
    private interface ScratchTest {
        void run(String database) throws Exception;
    }

    private static void inScratchDatabase(String prefix, ScratchTest test) throws Exception {
        String name = prefix + "_" + Long.toHexString(System.nanoTime());
        database.server().createDatabase(name);
        try {
            test.run(name);
        } finally {
            database.server().dropDatabase(name);
        }
    }

    private static ExampleApp start(String url, Map<String, String> environment) {
        Map<String, String> settings = new HashMap<>(environment);
        settings.put("PORT", "0");
        settings.put("FETCHPLAN_ROUND_TRIP_MS", "0");
        PostgresSettings external = new PostgresSettings(PostgresMode.EXTERNAL, OptionalInt.empty(), Optional.of(url),
                database.server().user(), database.server().password(), Optional.empty());
        return ExampleApp.start(external, AppSettings.fromEnvironment(settings));
    }

    private static HikariDataSource pool(String url) {
        return new HikariDataSource(poolConfig(url));
    }

    private static HikariConfig poolConfig(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(database.server().user());
        config.setPassword(database.server().password());
        config.setMaximumPoolSize(1);
        config.setConnectionTimeout(250);
        return config;
    }

    private static SQLException catchSql(HikariDataSource pool) {
        try (Connection unexpected = pool.getConnection()) {
            throw new AssertionError("a connection was free: " + unexpected);
        } catch (SQLException e) {
            return e;
        }
    }
}
