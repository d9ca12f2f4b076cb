package dev.fetchplan.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fetchplan.WalPosition;
import dev.fetchplan.postgres.PostgresMode;
import dev.fetchplan.postgres.PostgresSettings;
import dev.fetchplan.postgres.ReplicatedPostgres;
import dev.fetchplan.testing.Await;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The service with a real streaming replica ({@code FETCHPLAN_REPLICA_URLS}): reads go to the replica and say so in
 * {@code X-Served-By}, a read after a write's position is served where that write is visible, and a stopped replica
 * leaves the reads to the primary.
 */
class ReplicaReadsTest {

    private static ReplicatedPostgres cluster;
    private static ExampleApp app;
    private static Http http;

    @BeforeAll
    static void start() {
        cluster = ReplicatedPostgres.start(1);
        cluster.primary().createDatabase(Reliability.DATABASE);
        PostgresSettings primary = new PostgresSettings(PostgresMode.EXTERNAL, OptionalInt.empty(),
                Optional.of(cluster.primary().jdbcUrl(Reliability.DATABASE)), "postgres", "", Optional.empty());
        app = ExampleApp.start(primary, AppSettings.fromEnvironment(Map.of("PORT", "0", "FETCHPLAN_SEED_USERS", "60",
                "FETCHPLAN_ROUND_TRIP_MS", "0", "FETCHPLAN_REPLICA_URLS", cluster.replicas().get(0).jdbcUrl(Reliability.DATABASE))));
        http = new Http(app.port());
    }

    @AfterAll
    static void stop() {
        RuntimeException failure = Database.closeAll(java.util.List.<AutoCloseable>of(app, cluster), null);
        if (failure != null) {
            throw failure;
        }
    }

    @Test
    void aReadAfterTheSeedsPositionIsServedByTheReplicaWithWhatThePrimaryHas() throws Exception {
        WalPosition written = WalPosition.current(DSL.using(cluster.primary().dataSource(Reliability.DATABASE), SQLDialect.POSTGRES));
        var replica = DSL.using(cluster.replicas().get(0).dataSource(Reliability.DATABASE), SQLDialect.POSTGRES);
        Await.until("the replica to replay the seed", Duration.ofSeconds(30),
                () -> WalPosition.parse(replica.fetchSingle("SELECT pg_last_wal_replay_lsn()::text").get(0, String.class)).isAtOrPast(written));
        String position = written.toString();
        Http.Response fromReplica = http.get("/users-with-posts-and-comments?limit=50", "X-Read-After", position);
        assertThat(fromReplica.status()).isEqualTo(200);
        assertThat(fromReplica.headers().firstValue("X-Served-By")).contains("replica");
        assertThat(fromReplica.json().get("users")).hasSize(50);

        Http.Response export = http.get("/export/users-with-posts?chunk=7", "X-Read-After", position);
        assertThat(export.headers().firstValue("X-Served-By")).contains("replica");
        assertThat(export.body().lines().count()).isEqualTo(60);
    }

    @Test
    void aReadAfterAWriteTheReplicaHasNotReplayedIsServedByThePrimary() {
        var replica = DSL.using(cluster.replicas().get(0).dataSource(Reliability.DATABASE), SQLDialect.POSTGRES);
        var primary = DSL.using(cluster.primary().dataSource(Reliability.DATABASE), SQLDialect.POSTGRES);
        replica.execute("SELECT pg_wal_replay_pause()");
        try {
            primary.execute("INSERT INTO users (name, email) VALUES ('Late Writer', 'late.writer@example.com')");
            String written = WalPosition.current(primary).toString();
            Http.Response response = http.get("/users?limit=100&after=60", "X-Read-After", written);
            assertThat(response.headers().firstValue("X-Served-By")).contains("primary");
            assertThat(response.json().get("users").toString()).contains("Late Writer");
        } finally {
            replica.execute("SELECT pg_wal_replay_resume()");
            primary.execute("DELETE FROM users WHERE email = 'late.writer@example.com'");
        }
    }

    @Test
    void withTheReplicaStoppedReadsAreServedByThePrimaryUntilItIsBack() throws Exception {
        cluster.replicas().get(0).stop();
        try {
            for (String path : new String[] {"/users", "/users-with-posts", "/stats/post-counts", "/users/1"}) {
                Http.Response response = http.get(path);
                assertThat(response.status()).as(path).isEqualTo(200);
                assertThat(response.headers().firstValue("X-Served-By")).as(path).contains("primary");
            }
        } finally {
            cluster.replicas().get(0).startAgain();
        }
        Await.until("the replica to serve again once it answers", Duration.ofSeconds(30),
                () -> http.get("/users").headers().firstValue("X-Served-By").orElse("").equals("replica"));
    }
}
