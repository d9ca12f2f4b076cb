package dev.fetchplan;

import static dev.fetchplan.shop.public_.Keys.STOCK__STOCK_WAREHOUSE_ID_FKEY;
import static dev.fetchplan.shop.public_.Tables.STOCK;
import static dev.fetchplan.shop.public_.Tables.WAREHOUSES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fetchplan.testing.TestDatabase;
import java.util.List;
import java.util.stream.Stream;
import org.jooq.Param;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link FetchPlan#stream}: every root exactly once, in order, in keyset chunks of the plan's limit, each chunk the plan's statements. */
class StreamTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migratedWith(Shop.MIGRATIONS);

    static final Param<Short> AFTER = DSL.param("after", Short.MIN_VALUE);

    record Warehouse(short id, List<Integer> stocked) {
    }

    static final ToMany<Integer> STOCKED = ToMany.via(STOCK__STOCK_WAREHOUSE_ID_FKEY)
            .select(STOCK.PRODUCT_ID)
            .orderBy(STOCK.PRODUCT_ID.asc())
            .map(row -> row.get(STOCK.PRODUCT_ID));

    static final FetchPlan<Warehouse> WAREHOUSES_AFTER = FetchPlan.from(WAREHOUSES)
            .select(WAREHOUSES.ID)
            .where(WAREHOUSES.ID.gt(AFTER))
            .orderBy(WAREHOUSES.ID.asc())
            .limit(4)
            .include(STOCKED)
            .map(row -> new Warehouse(row.get(WAREHOUSES.ID), row.get(STOCKED)));

    static List<Warehouse> everything;

    @BeforeAll
    static void seed() {
        ShopData.random(23).insertInto(database.dsl());
        everything = WAREHOUSES_AFTER.limit(Integer.MAX_VALUE - 1).fetch(database.dsl(), FetchStrategy.MULTISET);
        assertThat(everything).as("more roots than one chunk, not a multiple of it").hasSize(6);
    }

    @ParameterizedTest
    @EnumSource(FetchStrategy.class)
    void everyRootComesOnceInOrderInChunksOfThePlansStatements(FetchStrategy strategy) {
        List<String> statements = database.statementsDuring(() -> {
            try (Stream<Warehouse> stream = WAREHOUSES_AFTER.stream(database.dsl(), strategy, AFTER, Short.MIN_VALUE, Warehouse::id)) {
                assertThat(stream.toList()).isEqualTo(everything);
            }
        });
        int chunks = 2;
        assertThat(statements.stream().filter(sql -> sql.contains("warehouses")).count())
                .as("one fetch per chunk: 6 roots in chunks of 4 is 2 chunks").isEqualTo(chunks);
        assertThat(statements).hasSizeLessThanOrEqualTo(chunks * WAREHOUSES_AFTER.statements(strategy) + chunks);
    }

    @Test
    void theStreamIsLazyAndStartsAtTheGivenCursor() {
        List<String> statements = database.statementsDuring(() -> {
            try (Stream<Warehouse> stream = WAREHOUSES_AFTER.stream(database.dsl(), FetchStrategy.STACKED, AFTER, everything.get(1).id(),
                    Warehouse::id)) {
                assertThat(stream.limit(1).toList()).containsExactly(everything.get(2));
            }
        });
        assertThat(statements).as("one chunk is fetched for the first root").hasSize(1);
    }

    @Test
    void oneSnapshotForEveryChunkInsideARepeatableReadTransaction() {
        List<Warehouse> streamed = database.dsl().transactionResult(transaction -> {
            transaction.dsl().execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            try (Stream<Warehouse> stream = WAREHOUSES_AFTER.stream(transaction.dsl(), FetchStrategy.BATCHED, AFTER, Short.MIN_VALUE,
                    Warehouse::id)) {
                List<Warehouse> first = stream.limit(2).toList();
                database.dsl().insertInto(WAREHOUSES, WAREHOUSES.ID, WAREHOUSES.NAME).values((short) 12_345, "added meanwhile").execute();
                return Stream.concat(first.stream(), WAREHOUSES_AFTER.stream(transaction.dsl(), FetchStrategy.BATCHED, AFTER,
                        first.get(1).id(), Warehouse::id)).toList();
            }
        });
        try {
            assertThat(streamed).as("the warehouse added after the transaction's snapshot is not seen").isEqualTo(everything);
            assertThat(database.dsl().fetchExists(WAREHOUSES, WAREHOUSES.ID.eq((short) 12_345))).isTrue();
        } finally {
            database.dsl().deleteFrom(WAREHOUSES).where(WAREHOUSES.ID.eq((short) 12_345)).execute();
        }
    }

    @Test
    void aPlanWithoutALimitOrACursorThatDoesNotAdvanceIsRefused() {
        FetchPlan<Warehouse> unlimited = WAREHOUSES_AFTER.limit(Integer.MAX_VALUE);
        assertThatThrownBy(() -> unlimited.stream(database.dsl(), FetchStrategy.BATCHED, AFTER, Short.MIN_VALUE, Warehouse::id))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("this plan has no limit; allowed: a plan with limit(n), n roots per chunk");
        assertThatThrownBy(() -> WAREHOUSES_AFTER.stream(database.dsl(), FetchStrategy.BATCHED, AFTER, Short.MIN_VALUE, warehouse -> Short.MIN_VALUE)
                .toList())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("the cursor did not advance");
        assertThatThrownBy(() -> WAREHOUSES_AFTER.stream(database.dsl(), FetchStrategy.BATCHED, DSL.param("other", 1), 1, warehouse -> 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parameter is other");
    }
}
