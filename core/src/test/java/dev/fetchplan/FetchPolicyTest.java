package dev.fetchplan;

import static dev.fetchplan.shop.public_.Keys.STOCK__STOCK_WAREHOUSE_ID_FKEY;
import static dev.fetchplan.shop.public_.Tables.STOCK;
import static dev.fetchplan.shop.public_.Tables.WAREHOUSES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fetchplan.testing.Await;
import dev.fetchplan.testing.TestDatabase;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.Param;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A {@link FetchPolicy} bounds a fetch's time and rows and retries it once after a lost connection, in every
 * strategy, on a real server: the slow statement is really cancelled there, the backend is really terminated.
 */
class FetchPolicyTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migratedWith(Shop.MIGRATIONS);

    /** Seconds the root level's statement sleeps (once per statement: an uncorrelated subquery is an InitPlan). */
    static final Param<Double> SLEEP = DSL.param("sleep", 0.0);
    /** Seconds the stock level's statement sleeps. */
    static final Param<Double> NESTED_SLEEP = DSL.param("nestedSleep", 0.0);

    record Warehouse(short id, List<Integer> stocked) {
    }

    static final ToMany<Integer> STOCKED = ToMany.via(STOCK__STOCK_WAREHOUSE_ID_FKEY)
            .select(STOCK.PRODUCT_ID)
            .where(DSL.condition("(SELECT true FROM pg_sleep({0}))", NESTED_SLEEP))
            .orderBy(STOCK.PRODUCT_ID.asc())
            .map(row -> row.get(STOCK.PRODUCT_ID));

    static final FetchPlan<Warehouse> WAREHOUSES_WITH_STOCK = FetchPlan.from(WAREHOUSES)
            .select(WAREHOUSES.ID)
            .where(DSL.condition("(SELECT true FROM pg_sleep({0}))", SLEEP))
            .orderBy(WAREHOUSES.ID.asc())
            .include(STOCKED)
            .map(row -> new Warehouse(row.get(WAREHOUSES.ID), row.get(STOCKED)));

    static long rows;

    @BeforeAll
    static void seed() {
        ShopData.random(13).insertInto(database.dsl());
        rows = database.dsl().fetchCount(WAREHOUSES) + database.dsl().fetchCount(STOCK);
        assertThat(database.dsl().fetchCount(STOCK)).as("the data has nested rows").isGreaterThan(10);
    }

    @Test
    void thePlanIsNamedByItsTables() {
        assertThat(WAREHOUSES_WITH_STOCK.name()).isEqualTo("warehouses(stock)");
    }

    @ParameterizedTest
    @EnumSource(FetchStrategy.class)
    void aFetchPastItsTimeoutIsCancelledOnTheServerAndNamesThePlanAndTheLimit(FetchStrategy strategy) {
        DSLContext bounded = FetchPolicy.NONE.timeout(Duration.ofMillis(300)).applyTo(database.dsl());
        assertThatThrownBy(() -> WAREHOUSES_WITH_STOCK.bind(SLEEP, 30.0).fetch(bounded, strategy))
                .isInstanceOf(FetchTimeoutException.class)
                .hasMessageContaining("warehouses(stock)").hasMessageContaining("300 ms")
                .satisfies(failure -> assertThat(sqlState(failure)).as("cancelled by the server").isEqualTo("57014"));
        assertThat(sleepingStatements()).as("nothing left running on the server").isZero();
    }

    @Test
    void theTimeoutCoversEveryStatementOfABatchedFetchAndEndsItsTransaction() {
        DSLContext bounded = FetchPolicy.NONE.timeout(Duration.ofMillis(300)).applyTo(database.dsl());
        assertThatThrownBy(() -> WAREHOUSES_WITH_STOCK.bind(NESTED_SLEEP, 30.0).fetch(bounded, FetchStrategy.BATCHED))
                .isInstanceOf(FetchTimeoutException.class);
        assertThat(sleepingStatements()).isZero();
        assertThat(WAREHOUSES_WITH_STOCK.fetch(database.dsl(), FetchStrategy.BATCHED)).as("the next fetch runs normally").isNotEmpty();
    }

    @ParameterizedTest
    @EnumSource(FetchStrategy.class)
    void aFetchWithinItsTimeoutAndBudgetReturnsWhatAnUnboundedOneReturns(FetchStrategy strategy) {
        DSLContext bounded = FetchPolicy.NONE.timeout(Duration.ofSeconds(30)).maxRows(rows).retryOnConnectionLoss(true)
                .applyTo(database.dsl());
        assertThat(WAREHOUSES_WITH_STOCK.fetch(bounded, strategy)).isEqualTo(WAREHOUSES_WITH_STOCK.fetch(database.dsl(), strategy));
        assertThat(database.openConnections()).isZero();
    }

    @ParameterizedTest
    @EnumSource(FetchStrategy.class)
    void oneRowPastTheBudgetFailsTheFetchNamingThePlanAndTheBudget(FetchStrategy strategy) {
        DSLContext bounded = FetchPolicy.NONE.maxRows(rows - 1).applyTo(database.dsl());
        assertThatThrownBy(() -> WAREHOUSES_WITH_STOCK.fetch(bounded, strategy))
                .isInstanceOf(RowBudgetExceededException.class)
                .hasMessageContaining("warehouses(stock)").hasMessageContaining("budget of " + (rows - 1) + " rows");
    }

    @Test
    void aBatchedFetchStopsAtTheFirstLevelThatCrossesTheBudget() {
        DSLContext bounded = FetchPolicy.NONE.maxRows(1).applyTo(database.dsl());
        List<String> sent = database.statementsDuring(() ->
                assertThatThrownBy(() -> WAREHOUSES_WITH_STOCK.fetch(bounded, FetchStrategy.BATCHED)).isInstanceOf(RowBudgetExceededException.class));
        assertThat(sent).as("the nested level is never asked for: the root alone crosses the budget")
                .noneMatch(statement -> statement.contains("stock"));
    }

    @ParameterizedTest
    @EnumSource(FetchStrategy.class)
    void theDriverIsAskedForNoMoreThanOneRowPastWhatRemainsOfTheBudget(FetchStrategy strategy) {
        List<Integer> maxRows = new ArrayList<>();
        DSLContext bounded = DSL.using(FetchPolicy.NONE.maxRows(rows).applyTo(database.dsl()).configuration()
                .deriveAppending(new DefaultExecuteListenerProvider(new ExecuteListener() {
                    @Override
                    public void executeEnd(ExecuteContext context) {
                        try {
                            maxRows.add(context.statement().getMaxRows());
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                })));
        WAREHOUSES_WITH_STOCK.fetch(bounded, strategy);
        int warehouses = database.dsl().fetchCount(WAREHOUSES);
        assertThat(maxRows).as("the first statement may read every row of the budget and one more")
                .startsWith((int) rows + 1);
        if (strategy == FetchStrategy.BATCHED || strategy == FetchStrategy.AUTO) {
            assertThat(maxRows).as("the next, what the root left").containsExactly((int) rows + 1, (int) rows - warehouses + 1);
        }
    }

    @ParameterizedTest
    @EnumSource(FetchStrategy.class)
    void aFetchWhoseBackendIsTerminatedRunsOnceMoreOnAFreshConnection(FetchStrategy strategy) throws Exception {
        DSLContext retrying = FetchPolicy.NONE.retryOnConnectionLoss(true).applyTo(database.dsl());
        FetchPlan<Warehouse> slow = WAREHOUSES_WITH_STOCK.bind(SLEEP, 1.0);
        CompletableFuture<Integer> killed = terminateSleepingBackends(1);
        List<Warehouse> fetched = slow.fetch(retrying, strategy);
        assertThat(killed.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(fetched).isEqualTo(WAREHOUSES_WITH_STOCK.fetch(database.dsl(), strategy));
        assertThat(database.openConnections()).isZero();
    }

    @Test
    void aFetchIsRetriedOnlyOnce() throws Exception {
        DSLContext retrying = FetchPolicy.NONE.retryOnConnectionLoss(true).applyTo(database.dsl());
        CompletableFuture<Integer> killed = terminateSleepingBackends(2);
        assertThatThrownBy(() -> WAREHOUSES_WITH_STOCK.bind(SLEEP, 1.0).fetch(retrying, FetchStrategy.BATCHED))
                .isInstanceOf(DataAccessException.class)
                .satisfies(failure -> assertThat(failure.getSuppressed()).as("the first attempt's failure")
                        .anySatisfy(first -> assertThat(sqlState(first)).isIn("57P01", "08006")));
        assertThat(killed.get(10, TimeUnit.SECONDS)).isEqualTo(2);
    }

    @Test
    void withoutThePolicyALostConnectionFailsTheFetch() throws Exception {
        CompletableFuture<Integer> killed = terminateSleepingBackends(1);
        assertThatThrownBy(() -> WAREHOUSES_WITH_STOCK.bind(SLEEP, 1.0).fetch(database.dsl(), FetchStrategy.MULTISET))
                .isInstanceOf(DataAccessException.class);
        assertThat(killed.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    }

    @Test
    void aFetchInsideTheCallersTransactionIsNeverRetried() throws Exception {
        AtomicInteger rootStatements = new AtomicInteger();
        DSLContext counting = DSL.using(database.dsl().configuration().deriveAppending(new DefaultExecuteListenerProvider(new ExecuteListener() {
            @Override
            public void executeStart(ExecuteContext context) {
                if (context.sql() != null && context.sql().contains("pg_sleep")) {
                    rootStatements.incrementAndGet();
                }
            }
        })));
        DSLContext retrying = FetchPolicy.NONE.retryOnConnectionLoss(true).applyTo(counting);
        CompletableFuture<Integer> killed = terminateSleepingBackends(1);
        assertThatThrownBy(() -> retrying.transaction(transaction ->
                WAREHOUSES_WITH_STOCK.bind(SLEEP, 1.0).fetch(transaction.dsl(), FetchStrategy.BATCHED)))
                .isInstanceOf(DataAccessException.class);
        assertThat(killed.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(rootStatements).as("one attempt only").hasValue(1);
    }

    @Test
    void aCallersReadIsRetriedOnAFreshConnectionToo() throws Exception {
        DSLContext retrying = FetchPolicy.NONE.retryOnConnectionLoss(true).applyTo(database.dsl());
        CompletableFuture<Integer> killed = terminateSleepingBackends(1);
        int warehouses = FetchPolicy.read(retrying, "slow count", reading ->
                reading.fetchSingle("SELECT count(*) FROM warehouses, pg_sleep(1)").get(0, Integer.class));
        assertThat(killed.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(warehouses).isEqualTo(database.dsl().fetchCount(WAREHOUSES));
    }

    @Test
    void aFailureAfterTheDeadlineThatTheDeadlineDidNotCauseIsReportedAsItIs() {
        DSLContext bounded = FetchPolicy.NONE.timeout(Duration.ofMillis(20)).applyTo(database.dsl());
        assertThatThrownBy(() -> FetchPolicy.read(bounded, "mine", reading -> {
            awaitPast(Duration.ofMillis(20));
            throw new IllegalStateException("mine");
        })).isInstanceOf(IllegalStateException.class).hasMessage("mine");
        assertThatThrownBy(() -> FetchPolicy.read(bounded, "late", reading -> {
            awaitPast(Duration.ofMillis(20));
            return reading.fetchSingle("SELECT 1");
        })).as("a statement due after the deadline is not sent").isInstanceOf(FetchTimeoutException.class)
                .hasMessage("fetch of plan late exceeded its timeout of 20 ms and was cancelled (set by FetchPolicy.timeout)");
    }

    /** Returns once {@code deadline} has passed since the read began (measured from the call, which is later). */
    private static void awaitPast(Duration deadline) {
        long started = System.nanoTime();
        Await.until("the read's deadline to pass", Duration.ofSeconds(5), () -> System.nanoTime() - started > deadline.toNanos());
    }

    @Test
    void aBadPolicyIsRefusedBeforeAnyStatement() {
        assertThatThrownBy(() -> FetchPolicy.NONE.timeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeout is PT0S; allowed: 1 ms to PT168H");
        assertThatThrownBy(() -> FetchPolicy.NONE.timeout(Duration.ofSeconds(Long.MAX_VALUE))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FetchPolicy.NONE.maxRows(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("maxRows is 0; allowed: 1 to ");
        DSLContext wrong = DSL.using(database.dsl().configuration().derive());
        wrong.configuration().data(FetchPolicy.KEY, "5 s");
        List<String> sent = database.statementsDuring(() ->
                assertThatThrownBy(() -> WAREHOUSES_WITH_STOCK.fetch(wrong, FetchStrategy.BATCHED)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("allowed: a dev.fetchplan.FetchPolicy"));
        assertThat(sent).isEmpty();
    }

    /** Terminates, from another connection, the next {@code backends} backends seen running a pg_sleep of this database. */
    private static CompletableFuture<Integer> terminateSleepingBackends(int backends) {
        return CompletableFuture.supplyAsync(() -> {
            int[] terminated = {0};
            Await.until(backends + " sleeping backend(s) to terminate", Duration.ofSeconds(10), () -> {
                terminated[0] += DSL.using(database.server().dataSource("postgres"), org.jooq.SQLDialect.POSTGRES).fetchSingle(
                        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = ? AND state = 'active' "
                                + "AND query LIKE '%pg_sleep%' AND query NOT LIKE '%pg_stat_activity%'", database.name())
                        .get(0, Integer.class);
                return terminated[0] >= backends;
            });
            return terminated[0];
        });
    }

    /** Waits until no statement of this database sleeps any more (a cancel takes effect asynchronously); how many still do. */
    private static int sleepingStatements() {
        int[] sleeping = {0};
        Await.until("the cancelled statements to end", Duration.ofSeconds(5), () -> {
            sleeping[0] = database.dsl().fetchSingle("SELECT count(*) FROM pg_stat_activity WHERE datname = ? AND state = 'active' "
                    + "AND query LIKE '%pg_sleep%' AND query NOT LIKE '%pg_stat_activity%'", database.name()).get(0, Integer.class);
            return sleeping[0] == 0;
        });
        return sleeping[0];
    }

    private static String sqlState(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
