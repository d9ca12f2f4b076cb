package dev.fetchplan;

import static dev.fetchplan.shop.public_.Keys.STOCK_MOVEMENTS__STOCK_MOVEMENTS_STOCK_FK;
import static dev.fetchplan.shop.public_.Tables.STOCK;
import static dev.fetchplan.shop.public_.Tables.STOCK_MOVEMENTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fetchplan.testing.TestDatabase;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Composite keys and a composite foreign key (stock (warehouse_id smallint, product_id integer) → its movements,
 * in a partitioned table): every strategy matches on both columns, and BATCHED binds one array per key column
 * however many parents there are.
 */
class CompositeKeyTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migratedWith(Shop.MIGRATIONS);

    record Movement(long id, OffsetDateTime movedAt, int delta, String note) {
    }

    record StockWithMovements(short warehouseId, int productId, int quantity, long movementCount, List<Movement> movements) {
    }

    static final Count MOVEMENT_COUNT = Count.via(STOCK_MOVEMENTS__STOCK_MOVEMENTS_STOCK_FK);

    static final ToMany<Movement> NONZERO_MOVEMENTS = ToMany.via(STOCK_MOVEMENTS__STOCK_MOVEMENTS_STOCK_FK)
            .select(STOCK_MOVEMENTS.ID, STOCK_MOVEMENTS.MOVED_AT, STOCK_MOVEMENTS.DELTA, STOCK_MOVEMENTS.NOTE)
            .where(STOCK_MOVEMENTS.DELTA.ne(0))
            .orderBy(STOCK_MOVEMENTS.MOVED_AT.desc())
            .limitPerParent(3)
            .map(row -> new Movement(row.get(STOCK_MOVEMENTS.ID), row.get(STOCK_MOVEMENTS.MOVED_AT), row.get(STOCK_MOVEMENTS.DELTA),
                    row.get(STOCK_MOVEMENTS.NOTE)));

    static final FetchPlan<StockWithMovements> STOCK_PLAN = FetchPlan.from(STOCK)
            .select(STOCK.WAREHOUSE_ID, STOCK.PRODUCT_ID, STOCK.QUANTITY)
            .orderBy(STOCK.QUANTITY.desc())
            .count(MOVEMENT_COUNT)
            .include(NONZERO_MOVEMENTS)
            .map(row -> new StockWithMovements(row.get(STOCK.WAREHOUSE_ID), row.get(STOCK.PRODUCT_ID), row.get(STOCK.QUANTITY),
                    row.get(MOVEMENT_COUNT), row.get(NONZERO_MOVEMENTS)));

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13, 14, 15})
    void compositeLinksMatchOnEveryColumnInEveryStrategy(long seed) {
        ShopData data = ShopData.random(seed);
        data.insertInto(database.dsl());
        for (FetchStrategy strategy : FetchStrategy.values()) {
            assertThat(STOCK_PLAN.fetch(database.dsl(), strategy)).as(strategy.name()).isEqualTo(expected(data, 3));
            assertThat(STOCK_PLAN.limitPerParent(NONZERO_MOVEMENTS, 1).fetch(database.dsl(), strategy)).as(strategy.name())
                    .isEqualTo(expected(data, 1));
            assertThat(STOCK_PLAN.limitPerParent(NONZERO_MOVEMENTS, OptionalInt.empty()).fetch(database.dsl(), strategy))
                    .as(strategy.name()).isEqualTo(expected(data, 0));
        }
    }

    @Test
    void batchedBindsOneArrayPerKeyColumnForOneParentOrAll() {
        ShopData data = ShopData.random(16);
        data.insertInto(database.dsl());
        FetchPlan<StockWithMovements> allMovements = STOCK_PLAN.limitPerParent(NONZERO_MOVEMENTS, OptionalInt.empty());
        List<Long> placeholders = new ArrayList<>();
        for (FetchPlan<StockWithMovements> plan : List.of(STOCK_PLAN.limit(1), STOCK_PLAN, allMovements.limit(1), allMovements)) {
            List<String> statements = database.statementsDuring(() -> plan.fetch(database.dsl(), FetchStrategy.BATCHED));
            assertThat(statements).hasSize(2);
            String movements = statements.get(1);
            assertThat(movements).doesNotContainIgnoringCase(" in (").contains("with ordinality");
            // A composite key travels as text, one array per column, cast back to smallint and integer in SQL. Top-N: the
            // arrays once, unnested; all children: once unnested, once more as the index-friendly ANY filters.
            int uses = movements.contains("lateral") ? 1 : 2;
            assertThat(occurrences(movements, "cast(? as text[])")).isEqualTo(2 * uses);
            assertThat(movements).contains("as smallint)").contains("as int)");
            placeholders.add((long) occurrences(movements, "?"));
        }
        assertThat(placeholders).as("the same parameters for 1 parent as for all: key arrays, the filter's value, the limit")
                .containsExactly(4L, 4L, 5L, 5L);
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    /** Stock by quantity descending, then its key; each with its movement count and non-zero movements, newest first. */
    private static List<StockWithMovements> expected(ShopData data, int limit) {
        return ShopData.select(data.stock, stock -> true, Comparator.comparing(ShopData.Stock::quantity).reversed()
                        .thenComparing(ShopData.Stock::warehouseId).thenComparing(ShopData.Stock::productId), 0)
                .stream()
                .map(stock -> new StockWithMovements(stock.warehouseId(), stock.productId(), stock.quantity(),
                        data.movements.stream().filter(movement -> of(movement, stock)).count(),
                        ShopData.select(data.movements, movement -> of(movement, stock) && movement.delta() != 0,
                                        Comparator.comparing(ShopData.Movement::movedAt).reversed().thenComparing(ShopData.Movement::id), limit)
                                .stream().map(movement -> new Movement(movement.id(), movement.movedAt(), movement.delta(), movement.note()))
                                .toList()))
                .toList();
    }

    private static boolean of(ShopData.Movement movement, ShopData.Stock stock) {
        return movement.warehouseId() == stock.warehouseId() && movement.productId() == stock.productId();
    }
}
