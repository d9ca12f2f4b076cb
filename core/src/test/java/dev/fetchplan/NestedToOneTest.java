package dev.fetchplan;

import static dev.fetchplan.shop.catalog.Keys.CATEGORIES__CATEGORIES_DEPARTMENT_ID_FKEY;
import static dev.fetchplan.shop.catalog.Keys.CATEGORIES__CATEGORIES_PARENT_ID_FKEY;
import static dev.fetchplan.shop.catalog.Tables.CATEGORIES;
import static dev.fetchplan.shop.catalog.Tables.DEPARTMENTS;
import static dev.fetchplan.shop.public_.Keys.PRODUCTS__PRODUCTS_CATEGORY_ID_FKEY;
import static dev.fetchplan.shop.public_.Keys.STOCK_MOVEMENTS__STOCK_MOVEMENTS_STOCK_FK;
import static dev.fetchplan.shop.public_.Keys.STOCK__STOCK_PRODUCT_ID_FKEY;
import static dev.fetchplan.shop.public_.Tables.PRODUCTS;
import static dev.fetchplan.shop.public_.Tables.STOCK;
import static dev.fetchplan.shop.public_.Tables.STOCK_MOVEMENTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fetchplan.testing.TestDatabase;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A to-one that carries its own to-ones, counts and to-many levels: each stock movement with its stock entry
 * (a composite foreign key), the entry's product, the product's category (nullable) and that category's parent
 * (a chain of optional joins), and the product's two largest stock entries in any warehouse (a level below a
 * joined row of a joined row).
 */
class NestedToOneTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migratedWith(Shop.MIGRATIONS);

    record CategoryRef(int id, String name, String department, CategoryRef parent) {
    }

    record StockedAt(short warehouseId, int quantity) {
    }

    record ProductView(int id, String name, CategoryRef category, long warehouses, List<StockedAt> largestStock) {
    }

    record StockView(short warehouseId, int quantity, ProductView product) {
    }

    record MovementView(long id, int delta, StockView stock) {
    }

    static final ToOne<CategoryRef> PARENT_CATEGORY = ToOne.via(CATEGORIES__CATEGORIES_PARENT_ID_FKEY)
            .select(CATEGORIES.ID, CATEGORIES.NAME)
            .map(row -> new CategoryRef(row.get(CATEGORIES.ID), row.get(CATEGORIES.NAME), null, null));

    /** Required (department_id is NOT NULL), yet behind an optional join: a product without category keeps its row. */
    static final ToOne<String> DEPARTMENT = ToOne.via(CATEGORIES__CATEGORIES_DEPARTMENT_ID_FKEY)
            .select(DEPARTMENTS.NAME)
            .map(row -> row.get(DEPARTMENTS.NAME));

    static final ToOne<CategoryRef> CATEGORY = ToOne.via(PRODUCTS__PRODUCTS_CATEGORY_ID_FKEY)
            .select(CATEGORIES.ID, CATEGORIES.NAME)
            .join(DEPARTMENT, PARENT_CATEGORY)
            .map(row -> new CategoryRef(row.get(CATEGORIES.ID), row.get(CATEGORIES.NAME), row.get(DEPARTMENT), row.get(PARENT_CATEGORY)));

    static final ToMany<StockedAt> LARGEST_STOCK = ToMany.via(STOCK__STOCK_PRODUCT_ID_FKEY)
            .select(STOCK.WAREHOUSE_ID, STOCK.QUANTITY)
            .orderBy(STOCK.QUANTITY.desc())
            .limitPerParent(2)
            .map(row -> new StockedAt(row.get(STOCK.WAREHOUSE_ID), row.get(STOCK.QUANTITY)));

    static final Count WAREHOUSES_STOCKING = Count.via(STOCK__STOCK_PRODUCT_ID_FKEY);

    static final ToOne<ProductView> PRODUCT = ToOne.via(STOCK__STOCK_PRODUCT_ID_FKEY)
            .select(PRODUCTS.ID, PRODUCTS.NAME)
            .join(CATEGORY)
            .count(WAREHOUSES_STOCKING)
            .include(LARGEST_STOCK)
            .map(row -> new ProductView(row.get(PRODUCTS.ID), row.get(PRODUCTS.NAME), row.get(CATEGORY), row.get(WAREHOUSES_STOCKING),
                    row.get(LARGEST_STOCK)));

    static final ToOne<StockView> STOCK_ENTRY = ToOne.via(STOCK_MOVEMENTS__STOCK_MOVEMENTS_STOCK_FK)
            .select(STOCK.WAREHOUSE_ID, STOCK.QUANTITY)
            .join(PRODUCT)
            .map(row -> new StockView(row.get(STOCK.WAREHOUSE_ID), row.get(STOCK.QUANTITY), row.get(PRODUCT)));

    static final FetchPlan<MovementView> MOVEMENTS = FetchPlan.from(STOCK_MOVEMENTS)
            .select(STOCK_MOVEMENTS.ID, STOCK_MOVEMENTS.DELTA)
            .orderBy(STOCK_MOVEMENTS.MOVED_AT.desc())
            .limit(40)
            .join(STOCK_ENTRY)
            .map(row -> new MovementView(row.get(STOCK_MOVEMENTS.ID), row.get(STOCK_MOVEMENTS.DELTA), row.get(STOCK_ENTRY)));

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {31, 32, 33, 34, 35})
    void joinedRowsCarryTheirOwnJoinsCountsAndLevelsInEveryStrategy(long seed) {
        ShopData data = ShopData.random(seed);
        data.insertInto(database.dsl());
        for (FetchStrategy strategy : FetchStrategy.values()) {
            List<String> statements = database.statementsDuring(() ->
                    assertThat(MOVEMENTS.fetch(database.dsl(), strategy)).as(strategy.name()).isEqualTo(expected(data)));
            assertThat(statements).as(strategy.name()).hasSizeBetween(1, strategy == FetchStrategy.BATCHED || strategy == FetchStrategy.AUTO ? 2 : 1);
        }
    }

    private static List<MovementView> expected(ShopData data) {
        return ShopData.select(data.movements, movement -> true, Comparator.comparing(ShopData.Movement::movedAt).reversed()
                        .thenComparing(ShopData.Movement::warehouseId).thenComparing(ShopData.Movement::productId)
                        .thenComparing(ShopData.Movement::id), 40)
                .stream()
                .map(movement -> {
                    ShopData.Stock stock = data.stock(movement.warehouseId(), movement.productId());
                    ShopData.Product product = data.product(stock.productId());
                    List<StockedAt> largest = ShopData.select(data.stock, each -> each.productId() == product.id(),
                                    Comparator.comparing(ShopData.Stock::quantity).reversed().thenComparing(ShopData.Stock::warehouseId), 2)
                            .stream().map(each -> new StockedAt(each.warehouseId(), each.quantity())).toList();
                    long warehouses = data.stock.stream().filter(each -> each.productId() == product.id()).count();
                    ProductView view = new ProductView(product.id(), product.name(), category(data, product.categoryId()), warehouses, largest);
                    return new MovementView(movement.id(), movement.delta(), new StockView(stock.warehouseId(), stock.quantity(), view));
                })
                .toList();
    }

    private static CategoryRef category(ShopData data, Integer id) {
        if (id == null) {
            return null;
        }
        ShopData.Category category = data.category(id);
        CategoryRef parent = category.parentId() == null ? null
                : new CategoryRef(category.parentId(), data.category(category.parentId()).name(), null, null);
        return new CategoryRef(category.id(), category.name(), data.department(category.departmentId()).name(), parent);
    }
}
