package dev.fetchplan;

import static dev.fetchplan.shop.catalog.Tables.CATEGORIES;
import static dev.fetchplan.shop.public_.Tables.PRODUCTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fetchplan.testing.TestDatabase;
import java.util.List;
import org.jooq.Converter;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An optional to-one is absent exactly when the database found no row, whatever a converter on its key makes of
 * NULL: typed-id converters that wrap every value, NULL included, are common (jOOQ itself then reads a wrapped
 * null).
 */
class JoinedRowPresenceTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migratedWith(Shop.MIGRATIONS);

    record CategoryId(Integer value) {
    }

    record Product(int id, String category) {
    }

    /** Wraps NULL too, as {@code Converter.of} (not {@code ofNullable}) does. */
    static final DataType<CategoryId> CATEGORY_ID = SQLDataType.INTEGER.asConvertedDataType(
            Converter.of(Integer.class, CategoryId.class, CategoryId::new, CategoryId::value));
    static final Field<CategoryId> PRODUCT_CATEGORY = DSL.field(PRODUCTS.CATEGORY_ID.getQualifiedName(), CATEGORY_ID);
    static final Field<CategoryId> CATEGORY_KEY = DSL.field(CATEGORIES.ID.getQualifiedName(), CATEGORY_ID);

    static final ToOne<String> CATEGORY = ToOne.of(CATEGORIES, PRODUCT_CATEGORY, CATEGORY_KEY)
            .select(CATEGORIES.NAME, CATEGORY_KEY)
            .map(row -> row.get(CATEGORIES.NAME) + " #" + row.get(CATEGORY_KEY).value());

    static final FetchPlan<Product> PRODUCTS_WITH_CATEGORY = FetchPlan.from(PRODUCTS)
            .select(PRODUCTS.ID)
            .orderBy(PRODUCTS.ID.asc())
            .join(CATEGORY)
            .map(row -> new Product(row.get(PRODUCTS.ID), row.get(CATEGORY)));

    @BeforeAll
    static void seed() {
        database.dsl().execute("""
                INSERT INTO catalog.departments VALUES (1, 'home');
                INSERT INTO catalog.categories VALUES (10, NULL, 1, 'lamps');
                INSERT INTO products (id, category_id, name, status, price) VALUES (1, 10, 'lamp', 'active', 1), (2, NULL, 'box', 'draft', 2);
                """);
    }

    @Test
    void aProductWithoutCategoryHasNoneEvenThoughItsKeyConverterWrapsNull() {
        assertThat(database.dsl().select(PRODUCT_CATEGORY).from(PRODUCTS).where(PRODUCTS.ID.eq(2)).fetchOne(PRODUCT_CATEGORY))
                .as("what jOOQ reads").isEqualTo(new CategoryId(null));
        for (FetchStrategy strategy : FetchStrategy.values()) {
            assertThat(PRODUCTS_WITH_CATEGORY.fetch(database.dsl(), strategy)).as(strategy.name())
                    .isEqualTo(List.of(new Product(1, "lamps #10"), new Product(2, null)));
        }
    }
}
