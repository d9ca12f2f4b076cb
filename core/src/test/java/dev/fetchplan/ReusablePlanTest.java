package dev.fetchplan;

import static dev.fetchplan.shop.public_.Keys.STOCK__STOCK_WAREHOUSE_ID_FKEY;
import static dev.fetchplan.shop.public_.Tables.STOCK;
import static dev.fetchplan.shop.public_.Tables.WAREHOUSES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fetchplan.testing.TestDatabase;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.Context;
import org.jooq.DSLContext;
import org.jooq.Param;
import org.jooq.RenderContext;
import org.jooq.VisitListener;
import org.jooq.impl.CustomCondition;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultVisitListenerProvider;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A plan declared once as a constant serves every fetch: values are bound per fetch (parameters, page size,
 * per-parent limits), concurrent fetches do not disturb each other, and its SQL is rendered once per shape.
 */
class ReusablePlanTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migratedWith(Shop.MIGRATIONS);

    record Warehouse(short id, List<Integer> products) {
    }

    /** Counts how often jOOQ renders the plan's SQL: it is part of the stock level's filter. */
    static final AtomicInteger RENDERINGS = new AtomicInteger();

    static final Param<Short> AFTER = DSL.param("after", Short.MIN_VALUE);
    static final Param<Integer> MIN_QUANTITY = DSL.param("minQuantity", SQLDataType.INTEGER);

    static final ToMany<Integer> STOCKED = ToMany.via(STOCK__STOCK_WAREHOUSE_ID_FKEY)
            .select(STOCK.PRODUCT_ID)
            .where(STOCK.QUANTITY.ge(MIN_QUANTITY), new CustomCondition() {
                @Override
                public void accept(Context<?> context) {
                    if (context instanceof RenderContext) {
                        RENDERINGS.incrementAndGet();
                    }
                    context.visit(DSL.trueCondition());
                }
            })
            .orderBy(STOCK.PRODUCT_ID.desc())
            .map(row -> row.get(STOCK.PRODUCT_ID));

    static final FetchPlan<Warehouse> WAREHOUSES_AFTER = FetchPlan.from(WAREHOUSES)
            .select(WAREHOUSES.ID)
            .where(WAREHOUSES.ID.gt(AFTER))
            .orderBy(WAREHOUSES.ID.asc())
            .include(STOCKED)
            .map(row -> new Warehouse(row.get(WAREHOUSES.ID), row.get(STOCKED)));

    static ShopData data;

    @BeforeAll
    static void seed() {
        data = ShopData.random(41);
        data.insertInto(database.dsl());
    }

    @Test
    void valuesBoundPerFetchChangeTheResultNotTheSql() {
        for (FetchStrategy strategy : FetchStrategy.values()) {
            fetchAndCheck(strategy, Short.MIN_VALUE, 0, 100, 0);
        }
        int afterFirstFetches = RENDERINGS.get();
        for (int round = 0; round < 5; round++) {
            for (FetchStrategy strategy : FetchStrategy.values()) {
                fetchAndCheck(strategy, (short) (round - 2), round % 4, 1 + round, 0);
                fetchAndCheck(strategy, (short) round, round, 2, 2);
            }
        }
        int afterLimitedShape = RENDERINGS.get();
        for (int round = 0; round < 5; round++) {
            for (FetchStrategy strategy : FetchStrategy.values()) {
                fetchAndCheck(strategy, (short) -round, round % 3, 10, 1 + round % 2);
            }
        }
        assertThat(afterLimitedShape).as("a per-parent limit is a new shape: rendered once more per strategy")
                .isLessThanOrEqualTo(afterFirstFetches + FetchStrategy.values().length);
        assertThat(RENDERINGS.get()).as("further fetches of known shapes render nothing").isEqualTo(afterLimitedShape);
    }

    @Test
    void aConfigurationWithVisitListenersRendersEveryFetchSoTheListenersSeeEachOne() {
        AtomicInteger visits = new AtomicInteger();
        DSLContext listened = DSL.using(database.dsl().configuration().derive(
                new DefaultVisitListenerProvider(VisitListener.onVisitStart(context -> visits.incrementAndGet()))));
        fetchAndCheck(FetchStrategy.MULTISET, Short.MIN_VALUE, 0, 100, 0);
        int beforeFirst = RENDERINGS.get();
        for (int fetch = 1; fetch <= 3; fetch++) {
            assertThat(WAREHOUSES_AFTER.bind(MIN_QUANTITY, 1).fetch(listened, FetchStrategy.MULTISET))
                    .isEqualTo(expected(Short.MIN_VALUE, 1, Integer.MAX_VALUE, 0));
            assertThat(RENDERINGS.get()).as("rendered again for fetch " + fetch).isEqualTo(beforeFirst + fetch);
        }
        assertThat(visits).hasPositiveValue();
    }

    @Test
    void concurrentFetchesOfOnePlanEachGetTheirOwnValues() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> fetches = new ArrayList<>();
            for (int task = 0; task < 64; task++) {
                int seed = task;
                fetches.add(threads.submit(() -> fetchAndCheck(FetchStrategy.values()[seed % FetchStrategy.values().length],
                        (short) (seed % 5 - 2), seed % 4, 1 + seed % 7, seed % 3)));
            }
            for (Future<?> fetch : fetches) {
                fetch.get();
            }
        } finally {
            threads.shutdown();
        }
    }

    @Test
    void badBindingsFailBeforeAnyStatementIsSent() {
        List<String> statements = database.statementsDuring(() -> {
            assertThatThrownBy(() -> WAREHOUSES_AFTER.fetch(database.dsl(), FetchStrategy.BATCHED))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parameter minQuantity has no value");
            assertThatThrownBy(() -> WAREHOUSES_AFTER.bind(DSL.param("unknown", 1), 2))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[after, minQuantity]");
            @SuppressWarnings({"unchecked", "rawtypes"})
            Param<Object> wrongType = (Param) MIN_QUANTITY;
            assertThatThrownBy(() -> WAREHOUSES_AFTER.bind(wrongType, "three"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allowed: a java.lang.Integer");
            assertThatThrownBy(() -> WAREHOUSES_AFTER.limit(0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> WAREHOUSES_AFTER.limitPerParent(STOCKED, 0)).isInstanceOf(IllegalArgumentException.class);
            ToMany<Integer> notIncluded = ToMany.via(STOCK__STOCK_WAREHOUSE_ID_FKEY).select(STOCK.PRODUCT_ID).map(row -> 1);
            assertThatThrownBy(() -> WAREHOUSES_AFTER.limitPerParent(notIncluded, 1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not included");
        });
        assertThat(statements).isEmpty();
    }

    @Test
    void aParameterNameFetchplanReservesIsRefusedWhenThePlanIsBuilt() {
        assertThatThrownBy(() -> FetchPlan.from(WAREHOUSES).select(WAREHOUSES.ID).where(WAREHOUSES.ID.gt(DSL.param("fp_limit_0", (short) 1)))
                .map(row -> 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fp_limit_0 starts with fp_");
    }

    private static void fetchAndCheck(FetchStrategy strategy, short after, int minQuantity, int pageSize, int perWarehouse) {
        FetchPlan<Warehouse> plan = WAREHOUSES_AFTER.bind(AFTER, after).bind(MIN_QUANTITY, minQuantity).limit(pageSize);
        if (perWarehouse > 0) {
            plan = plan.limitPerParent(STOCKED, perWarehouse);
        }
        assertThat(plan.fetch(database.dsl(), strategy)).as(strategy.name()).isEqualTo(expected(after, minQuantity, pageSize, perWarehouse));
    }

    private static List<Warehouse> expected(short after, int minQuantity, int pageSize, int perWarehouse) {
        return ShopData.select(data.warehouses, warehouse -> warehouse.id() > after, Comparator.comparing(ShopData.Warehouse::id), pageSize)
                .stream()
                .map(warehouse -> new Warehouse(warehouse.id(), ShopData.select(data.stock,
                                stock -> stock.warehouseId() == warehouse.id() && stock.quantity() >= minQuantity,
                                Comparator.comparing(ShopData.Stock::productId).reversed(), perWarehouse)
                        .stream().map(ShopData.Stock::productId).toList()))
                .toList();
    }
}
