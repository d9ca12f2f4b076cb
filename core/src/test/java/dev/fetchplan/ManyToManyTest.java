package dev.fetchplan;

import static dev.fetchplan.shop.public_.Keys.STOCK__STOCK_PRODUCT_ID_FKEY;
import static dev.fetchplan.shop.public_.Keys.STOCK__STOCK_WAREHOUSE_ID_FKEY;
import static dev.fetchplan.shop.public_.Tables.PRODUCTS;
import static dev.fetchplan.shop.public_.Tables.STOCK;
import static dev.fetchplan.shop.public_.Tables.WAREHOUSES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fetchplan.shop.public_.enums.ProductStatus;
import dev.fetchplan.testing.TestDatabase;
import java.util.Comparator;
import java.util.List;
import org.jooq.Param;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Many-to-many as one level: warehouses → the products stocked there, through the stock table (a composite key
 * of two foreign keys). The link table's columns are selected, ordered and filtered on; it adds no level and no
 * statement. The products carry an enum and an array column.
 */
class ManyToManyTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migratedWith(Shop.MIGRATIONS);

    record Stocked(int productId, String name, ProductStatus status, List<String> labels, int quantity) {
    }

    record WarehouseStock(short id, String name, String city, List<Stocked> products) {
    }

    static final Param<Integer> MIN_QUANTITY = DSL.param("minQuantity", 1);

    static final ToMany<Stocked> PRODUCTS_IN_STOCK = ToMany.through(STOCK__STOCK_WAREHOUSE_ID_FKEY, STOCK__STOCK_PRODUCT_ID_FKEY)
            .select(PRODUCTS.ID, PRODUCTS.NAME, PRODUCTS.STATUS, PRODUCTS.LABELS, STOCK.QUANTITY)
            .where(STOCK.QUANTITY.ge(MIN_QUANTITY))
            .orderBy(STOCK.QUANTITY.desc(), PRODUCTS.NAME.asc())
            .map(row -> new Stocked(row.get(PRODUCTS.ID), row.get(PRODUCTS.NAME), row.get(PRODUCTS.STATUS),
                    List.of(row.get(PRODUCTS.LABELS)), row.get(STOCK.QUANTITY)));

    static final FetchPlan<WarehouseStock> WAREHOUSES_WITH_PRODUCTS = FetchPlan.from(WAREHOUSES)
            .select(WAREHOUSES.ID, WAREHOUSES.NAME, WAREHOUSES.CITY)
            .orderBy(WAREHOUSES.ID.asc())
            .include(PRODUCTS_IN_STOCK)
            .map(row -> new WarehouseStock(row.get(WAREHOUSES.ID), row.get(WAREHOUSES.NAME), row.get(WAREHOUSES.CITY),
                    row.get(PRODUCTS_IN_STOCK)));

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {21, 22, 23, 24, 25})
    void aLinkTableIsPartOfTheLevelNotALevelOfItsOwn(long seed) {
        ShopData data = ShopData.random(seed);
        data.insertInto(database.dsl());
        int minQuantity = (int) (seed % 3);
        FetchPlan<WarehouseStock> plan = WAREHOUSES_WITH_PRODUCTS.bind(MIN_QUANTITY, minQuantity);
        for (FetchStrategy strategy : FetchStrategy.values()) {
            List<String> statements = database.statementsDuring(() ->
                    assertThat(plan.fetch(database.dsl(), strategy)).as(strategy.name()).isEqualTo(expected(data, minQuantity, 0)));
            assertThat(statements).as(strategy.name()).hasSize(strategy == FetchStrategy.BATCHED || strategy == FetchStrategy.AUTO ? 2 : 1);
            assertThat(plan.limitPerParent(PRODUCTS_IN_STOCK, 2).fetch(database.dsl(), strategy)).as(strategy.name())
                    .isEqualTo(expected(data, minQuantity, 2));
        }
    }

    /** Warehouses by id; their stock of at least {@code minQuantity}, by quantity descending, name, product id. */
    private static List<WarehouseStock> expected(ShopData data, int minQuantity, int limit) {
        Comparator<ShopData.Stock> order = Comparator.comparing(ShopData.Stock::quantity).reversed()
                .thenComparing(stock -> data.product(stock.productId()).name())
                .thenComparing(ShopData.Stock::productId);
        return ShopData.select(data.warehouses, warehouse -> true, Comparator.comparing(ShopData.Warehouse::id), 0).stream()
                .map(warehouse -> new WarehouseStock(warehouse.id(), warehouse.name(), warehouse.city(),
                        ShopData.select(data.stock, stock -> stock.warehouseId() == warehouse.id() && stock.quantity() >= minQuantity,
                                        order, limit).stream()
                                .map(stock -> {
                                    ShopData.Product product = data.product(stock.productId());
                                    return new Stocked(product.id(), product.name(), product.status(), product.labels(), stock.quantity());
                                })
                                .toList()))
                .toList();
    }
}
