package dev.fetchplan;

import static dev.fetchplan.shop.public_.Tables.WAREHOUSES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fetchplan.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * AUTO picks BATCHED unless the configuration declares a round trip of a millisecond or more, and then STACKED
 * for a plan of more than one level asking for at most 100 root rows; a plan of one level is one statement either way. Told apart by the
 * statements the database was sent: BATCHED sends one per level, STACKED one.
 */
class AutoStrategyTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migratedWith(Shop.MIGRATIONS);

    record Warehouse(short id, String name) {
    }

    static final FetchPlan<Warehouse> WAREHOUSES_ONLY = FetchPlan.from(WAREHOUSES)
            .select(WAREHOUSES.ID, WAREHOUSES.NAME)
            .orderBy(WAREHOUSES.ID.asc())
            .map(row -> new Warehouse(row.get(WAREHOUSES.ID), row.get(WAREHOUSES.NAME)));

    static final FetchPlan<ManyToManyTest.WarehouseStock> TWO_LEVELS = ManyToManyTest.WAREHOUSES_WITH_PRODUCTS
            .bind(ManyToManyTest.MIN_QUANTITY, 0).limit(FetchStrategy.STACKED_UP_TO);

    @BeforeAll
    static void seed() {
        ShopData.random(7).insertInto(database.dsl());
    }

    @Test
    void withoutADeclaredRoundTripAutoIsBatched() {
        assertThat(statements(database.dsl(), TWO_LEVELS)).isEqualTo(2);
        assertThat(TWO_LEVELS.statements(FetchStrategy.AUTO)).isEqualTo(TWO_LEVELS.statements(FetchStrategy.BATCHED)).isEqualTo(2);
    }

    @Test
    void belowAMillisecondAutoIsBatched() {
        assertThat(statements(declaring(Duration.ofMillis(1).minusNanos(1)), TWO_LEVELS)).isEqualTo(2);
    }

    @Test
    void fromAMillisecondAutoIsOneStatement() {
        assertThat(statements(declaring(Duration.ofMillis(1)), TWO_LEVELS)).isEqualTo(1);
        assertThat(statements(declaring(Duration.ofMillis(40)), TWO_LEVELS)).isEqualTo(1);
    }

    @Test
    void moreRootsThanStackedUpToAreBatchedWhateverTheRoundTrip() {
        assertThat(statements(declaring(Duration.ofMillis(40)), TWO_LEVELS.limit(FetchStrategy.STACKED_UP_TO + 1))).isEqualTo(2);
        assertThat(statements(declaring(Duration.ofMillis(40)), ManyToManyTest.WAREHOUSES_WITH_PRODUCTS.bind(ManyToManyTest.MIN_QUANTITY, 0)))
                .as("no limit").isEqualTo(2);
    }

    @Test
    void aPlanOfOneLevelIsOneStatementWhateverTheRoundTrip() {
        assertThat(statements(database.dsl(), WAREHOUSES_ONLY)).isEqualTo(1);
        assertThat(statements(declaring(Duration.ofMillis(5)), WAREHOUSES_ONLY)).isEqualTo(1);
    }

    @Test
    void autoReturnsWhatEveryOtherStrategyReturns() {
        for (DSLContext dsl : List.of(database.dsl(), declaring(Duration.ofMillis(2)))) {
            assertThat(TWO_LEVELS.fetch(dsl, FetchStrategy.AUTO)).isEqualTo(TWO_LEVELS.fetch(dsl, FetchStrategy.MULTISET));
        }
    }

    @Test
    void aRoundTripThatIsNotADurationIsRejectedBeforeAnyStatement() {
        DSLContext dsl = DSL.using(database.dsl().configuration().derive());
        dsl.configuration().data(FetchStrategy.ROUND_TRIP, 2);
        List<String> sent = database.statementsDuring(() -> assertThatThrownBy(() -> TWO_LEVELS.fetch(dsl, FetchStrategy.AUTO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(FetchStrategy.ROUND_TRIP)
                .hasMessageContaining("allowed: a java.time.Duration"));
        assertThat(sent).isEmpty();
        dsl.configuration().data(FetchStrategy.ROUND_TRIP, Duration.ofMillis(-1));
        assertThatThrownBy(() -> TWO_LEVELS.fetch(dsl, FetchStrategy.AUTO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDefaultStrategyInTheConfigurationIsWhatAutoRunsWith() {
        DSLContext dsl = DSL.using(database.dsl().configuration().derive());
        dsl.configuration().data(FetchStrategy.DEFAULT, FetchStrategy.MULTISET);
        dsl.configuration().data(FetchStrategy.ROUND_TRIP, Duration.ZERO);
        assertThat(database.statementsDuring(() -> assertThat(TWO_LEVELS.fetch(dsl)).isNotEmpty())).hasSize(1)
                .allSatisfy(sql -> assertThat(sql).containsIgnoringCase("json"));
        assertThat(statements(dsl, TWO_LEVELS)).isEqualTo(1);
        assertThat(database.statementsDuring(() -> TWO_LEVELS.fetch(dsl, FetchStrategy.BATCHED))).as("a strategy asked for by name")
                .hasSize(2);
        dsl.configuration().data(FetchStrategy.DEFAULT, FetchStrategy.AUTO);
        assertThat(statements(dsl, TWO_LEVELS)).as("AUTO as the default: picked by round trip").isEqualTo(2);
    }

    @Test
    void aDefaultStrategyThatIsNotAStrategyIsRejectedBeforeAnyStatement() {
        DSLContext dsl = DSL.using(database.dsl().configuration().derive());
        dsl.configuration().data(FetchStrategy.DEFAULT, "MULTISET");
        List<String> sent = database.statementsDuring(() -> assertThatThrownBy(() -> TWO_LEVELS.fetch(dsl))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(FetchStrategy.DEFAULT)
                .hasMessageContaining("allowed: a FetchStrategy, one of [MULTISET, BATCHED, STACKED, AUTO]"));
        assertThat(sent).isEmpty();
    }

    private static DSLContext declaring(Duration roundTrip) {
        DSLContext dsl = DSL.using(database.dsl().configuration().derive());
        dsl.configuration().data(FetchStrategy.ROUND_TRIP, roundTrip);
        assertThat(database.dsl().configuration().data(FetchStrategy.ROUND_TRIP)).as("declared on a derived configuration only").isNull();
        return dsl;
    }

    private static int statements(DSLContext dsl, FetchPlan<?> plan) {
        return database.statementsDuring(() -> assertThat(plan.fetch(dsl, FetchStrategy.AUTO)).isNotEmpty()).size();
    }
}
