package dev.fetchplan;

import static dev.fetchplan.shop.public_.Tables.WAREHOUSES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fetchplan.postgres.Migrations;
import dev.fetchplan.postgres.ReplicatedPostgres;
import dev.fetchplan.testing.Await;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Reads routed to a real physical streaming replica (hot standby) of a real primary, both embedded: a read given
 * the position of a write sees it on the replica, a read without one may not, a replica that lags too far or stops
 * is skipped for the primary, and every strategy runs on the standby.
 */
class ReplicaRoutingTest {

    private static ReplicatedPostgres cluster;
    private static DSLContext primary;
    private static DSLContext replica;

    @BeforeAll
    static void start() {
        cluster = ReplicatedPostgres.start(1);
        Migrations.migrate(cluster.primary().dataSource(), Shop.MIGRATIONS);
        primary = DSL.using(cluster.primary().dataSource(), SQLDialect.POSTGRES);
        replica = DSL.using(cluster.replicas().get(0).dataSource(), SQLDialect.POSTGRES);
        ShopData.random(5).insertInto(primary);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static ReadRouting.Builder routing() {
        return ReadRouting.to(primary).replica("replica-1", replica).retryAfter(Duration.ofMillis(200));
    }

    @Test
    void aReadGivenTheWritesPositionSeesTheWriteOnTheReplica() {
        ReadRouting routing = routing().waitForPosition(Duration.ofSeconds(10)).build();
        for (short id = 9_000; id < 9_010; id++) {
            primary.insertInto(WAREHOUSES, WAREHOUSES.ID, WAREHOUSES.NAME).values(id, "written " + id).execute();
            WalPosition written = WalPosition.current(primary);
            ReadRouting.Route route = routing.route(Optional.of(written));
            assertThat(route.servedBy()).isEqualTo("replica-1");
            assertThat(route.dsl().fetchExists(WAREHOUSES, WAREHOUSES.ID.eq(id))).as("warehouse " + id + " on the replica").isTrue();
        }
    }

    @Test
    void withReplayPausedAReadWithoutAPositionMayMissTheWriteAndOneWithAPositionGoesToThePrimary() {
        replica.execute("SELECT pg_wal_replay_pause()");
        try {
            primary.insertInto(WAREHOUSES, WAREHOUSES.ID, WAREHOUSES.NAME).values((short) 9_100, "behind").execute();
            WalPosition written = WalPosition.current(primary);
            ReadRouting routing = routing().waitForPosition(Duration.ofMillis(50)).build();

            ReadRouting.Route anyReplica = routing.route();
            assertThat(anyReplica.servedBy()).isEqualTo("replica-1");
            assertThat(anyReplica.dsl().fetchExists(WAREHOUSES, WAREHOUSES.ID.eq((short) 9_100))).as("the replica is behind").isFalse();

            ReadRouting.Route yourWrites = routing.route(Optional.of(written));
            assertThat(yourWrites.servedBy()).isEqualTo("primary");
            assertThat(yourWrites.dsl().fetchExists(WAREHOUSES, WAREHOUSES.ID.eq((short) 9_100))).isTrue();
        } finally {
            replica.execute("SELECT pg_wal_replay_resume()");
        }
    }

    @Test
    void aReplicaBehindTheLagBoundIsSkipped() {
        replica.execute("SELECT pg_wal_replay_pause()");
        try {
            primary.insertInto(WAREHOUSES, WAREHOUSES.ID, WAREHOUSES.NAME).values((short) 9_200, "received, not replayed").execute();
            awaitReplica("SELECT pg_last_wal_receive_lsn()::text", WalPosition.current(primary));
            ReadRouting strict = routing().maxLag(Duration.ofMillis(100)).recheckAfter(Duration.ZERO).build();
            Await.until("the paused replica to lag past 100 ms", Duration.ofSeconds(10), () -> strict.route().servedBy().equals("primary"));
            assertThat(routing().maxLag(Duration.ofMinutes(10)).build().route().servedBy()).isEqualTo("replica-1");
        } finally {
            replica.execute("SELECT pg_wal_replay_resume()");
        }
    }

    @Test
    void aStoppedReplicaFallsBackToThePrimaryIsNotAskedAgainAtOnceAndServesAgainWhenBack() throws Exception {
        AtomicInteger probes = new AtomicInteger();
        DSLContext countedProbe = DSL.using(replica.configuration().deriveAppending(new DefaultExecuteListenerProvider(new ExecuteListener() {
            @Override
            public void executeStart(ExecuteContext context) {
                probes.incrementAndGet();
            }
        })));
        ReadRouting routing = ReadRouting.to(primary).replica("replica-1", replica, countedProbe).recheckAfter(Duration.ZERO)
                .retryAfter(Duration.ofMillis(500)).build();
        assertThat(routing.route().servedBy()).isEqualTo("replica-1");
        cluster.replicas().get(0).stop();
        try {
            assertThat(routing.route().servedBy()).isEqualTo("primary");
            int asked = probes.get();
            assertThat(routing.route().servedBy()).isEqualTo("primary");
            assertThat(probes).as("skipped for retryAfter, not asked again at once").hasValue(asked);
        } finally {
            cluster.replicas().get(0).startAgain();
        }
        Await.until("the replica to serve again once it answers and streams", Duration.ofSeconds(30),
                () -> routing.route().servedBy().equals("replica-1"));
    }

    /** Waits until the replica's {@code lsnQuery} reports at least {@code position}. */
    private static void awaitReplica(String lsnQuery, WalPosition position) {
        Await.until("the replica to reach " + position, Duration.ofSeconds(30), () -> {
            String lsn = replica.fetchSingle(lsnQuery).get(0, String.class);
            return lsn != null && WalPosition.parse(lsn).isAtOrPast(position);
        });
    }

    @ParameterizedTest
    @EnumSource(FetchStrategy.class)
    void everyStrategyRunsOnTheHotStandbyAndReturnsWhatThePrimaryReturns(FetchStrategy strategy) {
        FetchPlan<ManyToManyTest.WarehouseStock> plan = ManyToManyTest.WAREHOUSES_WITH_PRODUCTS.bind(ManyToManyTest.MIN_QUANTITY, 0);
        WalPosition now = WalPosition.current(primary);
        ReadRouting.Route route = routing().waitForPosition(Duration.ofSeconds(10)).build().route(Optional.of(now));
        assertThat(route.replica()).isTrue();
        List<ManyToManyTest.WarehouseStock> fromReplica = plan.fetch(route.dsl(), strategy);
        assertThat(fromReplica).isNotEmpty().isEqualTo(plan.fetch(primary, strategy));
    }

    @Test
    void positionsOrderAsTheLogAndPrintAsPostgresql() {
        assertThat(WalPosition.parse("16/B374D848")).hasToString("16/B374D848");
        assertThat(WalPosition.parse("1/0").isAtOrPast(WalPosition.parse("0/FFFFFFFF"))).isTrue();
        assertThat(WalPosition.parse("0/10").compareTo(WalPosition.parse("0/9"))).isPositive();
        assertThat(new WalPosition(3 * 8192 + 24).recordEnd()).as("after a page header").isEqualTo(new WalPosition(3 * 8192));
        assertThat(new WalPosition(16L * 1024 * 1024 + 40).recordEnd()).as("after a segment header").isEqualTo(new WalPosition(16L * 1024 * 1024));
        assertThat(new WalPosition(3 * 8192 + 100).recordEnd()).isEqualTo(new WalPosition(3 * 8192 + 100));
        for (String wrong : new String[] {"16-B3", "0/1FFFFFFFF", "100000000/0", "+1/0", "/1", ""}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> WalPosition.parse(wrong))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("lsn is '" + wrong + "'; allowed: PostgreSQL's pg_lsn text, such as 16/B374D848");
        }
    }
}
