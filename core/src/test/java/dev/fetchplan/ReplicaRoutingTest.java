package dev.fetchplan;

import static dev.fetchplan.shop.public_.Tables.WAREHOUSES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fetchplan.postgres.Migrations;
import dev.fetchplan.postgres.ReplicatedPostgres;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
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
    void aReplicaBehindTheLagBoundIsSkipped() throws Exception {
        replica.execute("SELECT pg_wal_replay_pause()");
        try {
            primary.insertInto(WAREHOUSES, WAREHOUSES.ID, WAREHOUSES.NAME).values((short) 9_200, "first").execute();
            Thread.sleep(300);
            primary.insertInto(WAREHOUSES, WAREHOUSES.ID, WAREHOUSES.NAME).values((short) 9_201, "second").execute();
            Thread.sleep(300);
            assertThat(routing().maxLag(Duration.ofMillis(100)).build().route().servedBy()).isEqualTo("primary");
            assertThat(routing().maxLag(Duration.ofMinutes(10)).build().route().servedBy()).isEqualTo("replica-1");
        } finally {
            replica.execute("SELECT pg_wal_replay_resume()");
        }
    }

    @Test
    void aStoppedReplicaFallsBackToThePrimaryAndServesAgainWhenBack() throws Exception {
        ReadRouting routing = routing().recheckAfter(Duration.ZERO).build();
        assertThat(routing.route().servedBy()).isEqualTo("replica-1");
        cluster.replicas().get(0).stop();
        try {
            assertThat(routing.route().servedBy()).isEqualTo("primary");
            assertThat(routing.route().servedBy()).as("skipped, not asked again at once").isEqualTo("primary");
        } finally {
            cluster.replicas().get(0).startAgain();
        }
        Thread.sleep(250);
        assertThat(routing.route().servedBy()).isEqualTo("replica-1");
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
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> WalPosition.parse("16-B3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lsn is '16-B3'; allowed: PostgreSQL's pg_lsn text, such as 16/B374D848");
    }
}
