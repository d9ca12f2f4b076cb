package dev.fetchplan;

import static dev.fetchplan.shop.catalog.Tables.CATEGORIES;
import static dev.fetchplan.shop.catalog.Tables.DEPARTMENTS;
import static dev.fetchplan.shop.public_.Tables.PRODUCTS;
import static dev.fetchplan.shop.public_.Tables.STOCK;
import static dev.fetchplan.shop.public_.Tables.STOCK_MOVEMENTS;
import static dev.fetchplan.shop.public_.Tables.WAREHOUSES;

import dev.fetchplan.shop.public_.enums.ProductStatus;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.jooq.DSLContext;

/**
 * Random rows for the shop schema (db/fetchplan/shop), with ties, NULLs, extreme key values and rows without
 * children; and the same rows in Java, from which a test computes what a plan must return (the oracle).
 */
final class ShopData {

    record Department(short id, String name) {
    }

    record Category(int id, Integer parentId, short departmentId, String name) {
    }

    record Warehouse(short id, String name, String city) {
    }

    record Product(int id, Integer categoryId, String name, ProductStatus status, List<String> labels, BigDecimal price) {
    }

    record Stock(short warehouseId, int productId, int quantity, OffsetDateTime countedAt) {
    }

    record Movement(short warehouseId, int productId, long id, OffsetDateTime movedAt, int delta, String note) {
    }

    /** Key values at the edges of their types, so no strategy gets away with narrowing them. */
    private static final short[] WAREHOUSE_IDS = {Short.MIN_VALUE, -1, 1, 2, 7, 300, Short.MAX_VALUE};
    private static final OffsetDateTime EPOCH = OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    final List<Department> departments = new ArrayList<>();
    final List<Category> categories = new ArrayList<>();
    final List<Warehouse> warehouses = new ArrayList<>();
    final List<Product> products = new ArrayList<>();
    final List<Stock> stock = new ArrayList<>();
    final List<Movement> movements = new ArrayList<>();

    private ShopData() {
    }

    static ShopData random(long seed) {
        Random random = new Random(seed);
        ShopData data = new ShopData();
        for (short id = 1; id <= 3; id++) {
            data.departments.add(new Department(id, name("d", random)));
        }
        int categoryCount = 10 + random.nextInt(30);
        for (int i = 0; i < categoryCount; i++) {
            Integer parent = i < 4 || random.nextInt(8) == 0 ? null : data.categories.get(random.nextInt(i)).id();
            data.categories.add(new Category(1000 + i * 7, parent, (short) (1 + random.nextInt(3)), name("c", random)));
        }
        for (short id : WAREHOUSE_IDS) {
            if (random.nextInt(5) > 0) {
                data.warehouses.add(new Warehouse(id, name("w", random), random.nextInt(3) == 0 ? null : name("city", random)));
            }
        }
        int productCount = 5 + random.nextInt(40);
        for (int i = 0; i < productCount; i++) {
            Integer category = random.nextInt(6) == 0 ? null : data.categories.get(random.nextInt(categoryCount)).id();
            int id = i == 0 ? Integer.MAX_VALUE : i == 1 ? Integer.MIN_VALUE + 1 : i * 13;
            List<String> labels = Stream.generate(() -> name("l", random)).limit(random.nextInt(3)).toList();
            data.products.add(new Product(id, category, name("p", random), ProductStatus.values()[random.nextInt(3)], labels,
                    BigDecimal.valueOf(random.nextInt(100_000), 2)));
        }
        long movementId = 1;
        for (Warehouse warehouse : data.warehouses) {
            for (Product product : data.products) {
                if (random.nextInt(3) != 0) {
                    continue;
                }
                data.stock.add(new Stock(warehouse.id(), product.id(), random.nextInt(6), EPOCH.plusHours(random.nextInt(50))));
                int count = random.nextInt(5);
                for (int i = 0; i < count; i++) {
                    data.movements.add(new Movement(warehouse.id(), product.id(), movementId++, EPOCH.plusMinutes(random.nextInt(20)),
                            random.nextInt(7) - 3, random.nextInt(4) == 0 ? null : name("n", random)));
                }
            }
        }
        return data;
    }

    /** Short names from a small alphabet: ties are common, and any collation orders them as Java does. */
    private static String name(String prefix, Random random) {
        return prefix + (char) ('a' + random.nextInt(4)) + random.nextInt(10);
    }

    void insertInto(DSLContext dsl) {
        dsl.truncate(STOCK_MOVEMENTS, STOCK, PRODUCTS, WAREHOUSES, CATEGORIES, DEPARTMENTS).execute();
        for (Department department : departments) {
            dsl.insertInto(DEPARTMENTS).set(DEPARTMENTS.ID, department.id()).set(DEPARTMENTS.NAME, department.name()).execute();
        }
        for (Category category : categories) {
            dsl.insertInto(CATEGORIES).set(CATEGORIES.ID, category.id()).set(CATEGORIES.PARENT_ID, category.parentId())
                    .set(CATEGORIES.DEPARTMENT_ID, category.departmentId()).set(CATEGORIES.NAME, category.name()).execute();
        }
        for (Warehouse warehouse : warehouses) {
            dsl.insertInto(WAREHOUSES).set(WAREHOUSES.ID, warehouse.id()).set(WAREHOUSES.NAME, warehouse.name())
                    .set(WAREHOUSES.CITY, warehouse.city()).execute();
        }
        for (Product product : products) {
            dsl.insertInto(PRODUCTS).set(PRODUCTS.ID, product.id()).set(PRODUCTS.CATEGORY_ID, product.categoryId())
                    .set(PRODUCTS.NAME, product.name()).set(PRODUCTS.STATUS, product.status())
                    .set(PRODUCTS.LABELS, product.labels().toArray(String[]::new)).set(PRODUCTS.PRICE, product.price()).execute();
        }
        if (!stock.isEmpty()) {
            var insert = dsl.insertInto(STOCK, STOCK.WAREHOUSE_ID, STOCK.PRODUCT_ID, STOCK.QUANTITY, STOCK.COUNTED_AT);
            for (Stock each : stock) {
                insert = insert.values(each.warehouseId(), each.productId(), each.quantity(), each.countedAt());
            }
            insert.execute();
        }
        if (!movements.isEmpty()) {
            var insert = dsl.insertInto(STOCK_MOVEMENTS, STOCK_MOVEMENTS.WAREHOUSE_ID, STOCK_MOVEMENTS.PRODUCT_ID,
                    STOCK_MOVEMENTS.ID, STOCK_MOVEMENTS.MOVED_AT, STOCK_MOVEMENTS.DELTA, STOCK_MOVEMENTS.NOTE);
            for (Movement each : movements) {
                insert = insert.values(each.warehouseId(), each.productId(), each.id(), each.movedAt(), each.delta(), each.note());
            }
            insert.execute();
        }
    }

    // The oracle's lookups: what a plan must return, computed in Java from the same rows.

    Department department(short id) {
        return departments.stream().filter(department -> department.id() == id).findFirst().orElseThrow();
    }

    Category category(int id) {
        return categories.stream().filter(category -> category.id() == id).findFirst().orElseThrow();
    }

    Product product(int id) {
        return products.stream().filter(product -> product.id() == id).findFirst().orElseThrow();
    }

    Stock stock(short warehouseId, int productId) {
        return stock.stream().filter(each -> each.warehouseId() == warehouseId && each.productId() == productId).findFirst().orElseThrow();
    }

    /** {@code rows} filtered, sorted and cut to {@code limit} (0: no limit). */
    static <T> List<T> select(List<T> rows, Predicate<? super T> filter, Comparator<? super T> order, int limit) {
        Stream<T> selected = rows.stream().filter(filter).sorted(order);
        return (limit > 0 ? selected.limit(limit) : selected).toList();
    }

    /** The distinct values in order of first appearance. */
    static <T> List<T> distinct(List<T> values) {
        Set<T> seen = new LinkedHashSet<>(values);
        return List.copyOf(seen);
    }
}
