package dev.fetchplan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fetchplan.testing.RecordedObservations;
import dev.fetchplan.testing.TestDatabase;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** One Micrometer observation per fetch, with the plan, the strategy it ran with, its statements and rows. */
class FetchObservationsTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migratedWith(Shop.MIGRATIONS);

    static long warehouses;
    static long stock;

    @BeforeAll
    static void seed() {
        ShopData.random(9).insertInto(database.dsl());
        warehouses = database.dsl().fetchCount(dev.fetchplan.shop.public_.Tables.WAREHOUSES);
        stock = database.dsl().fetchCount(dev.fetchplan.shop.public_.Tables.STOCK);
    }

    private static String key(Observation.Context context, String key) {
        return RecordedObservations.value(context, key);
    }

    @ParameterizedTest
    @EnumSource(FetchStrategy.class)
    void aFetchIsOneObservationWithItsPlanStrategyStatementsAndRows(FetchStrategy strategy) {
        RecordedObservations recorded = new RecordedObservations();
        ObservationRegistry registry = recorded.registry();
        DSLContext observed = FetchObservations.observe(database.dsl(), registry);

        SqlCommentTest.STOCK_REPORT.fetch(observed, strategy);

        assertThat(recorded.stopped()).singleElement().satisfies(context -> {
            assertThat(context.getName()).isEqualTo(FetchObservations.NAME);
            assertThat(context.getContextualName()).isEqualTo("fetch stock report");
            assertThat(key(context, FetchObservations.PLAN)).isEqualTo("stock report");
            assertThat(key(context, FetchObservations.STRATEGY))
                    .isEqualTo((strategy == FetchStrategy.AUTO ? FetchStrategy.BATCHED : strategy).name());
            assertThat(key(context, FetchObservations.LEVELS)).isEqualTo("2");
            assertThat(key(context, FetchObservations.STATEMENTS))
                    .isEqualTo(Integer.toString(SqlCommentTest.STOCK_REPORT.statements(strategy)));
            assertThat(key(context, FetchObservations.ROWS)).isEqualTo(Long.toString(warehouses + stock));
            assertThat(key(context, FetchObservations.ROWS_PER_LEVEL)).isEqualTo(warehouses + "," + stock);
            assertThat(context.getError()).isNull();
        });
    }

    @Test
    void aFailedFetchIsObservedWithItsError() {
        RecordedObservations recorded = new RecordedObservations();
        ObservationRegistry registry = recorded.registry();
        DSLContext observed = FetchPolicy.NONE.maxRows(1).applyTo(FetchObservations.observe(database.dsl(), registry));

        assertThatThrownBy(() -> SqlCommentTest.STOCK_REPORT.fetch(observed, FetchStrategy.BATCHED)).isInstanceOf(RowBudgetExceededException.class);

        assertThat(recorded.stopped()).singleElement()
                .satisfies(context -> assertThat(context.getError()).isInstanceOf(RowBudgetExceededException.class));
    }

    @Test
    void aCallersReadIsObservedAsARead() {
        RecordedObservations recorded = new RecordedObservations();
        ObservationRegistry registry = recorded.registry();

        FetchPolicy.read(FetchObservations.observe(database.dsl(), registry), "warehouse count", dsl -> dsl.fetchCount(
                dev.fetchplan.shop.public_.Tables.WAREHOUSES));

        assertThat(recorded.stopped()).singleElement().satisfies(context -> {
            assertThat(key(context, FetchObservations.PLAN)).isEqualTo("warehouse count");
            assertThat(key(context, FetchObservations.STRATEGY)).isEqualTo("read");
            assertThat(key(context, FetchObservations.STATEMENTS)).isEqualTo("1");
        });
    }
}
