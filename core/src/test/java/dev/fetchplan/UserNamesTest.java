package dev.fetchplan;

import static dev.fetchplan.shop.public_.Keys.STOCK__STOCK_WAREHOUSE_ID_FKEY;
import static dev.fetchplan.shop.public_.Tables.STOCK;
import static dev.fetchplan.shop.public_.Tables.WAREHOUSES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fetchplan.testing.TestDatabase;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The user's names never meet fetchplan's: a table named like one of its aliases, schemas left out or mapped by
 * jOOQ's Settings, IN lists padded by them — every strategy returns the same rows.
 */
class UserNamesTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migratedWith(Shop.MIGRATIONS);

    record Stocked(int productId, String label) {
    }

    record Warehouse(short id, List<Stocked> stock) {
    }

    /** Warehouses with their stock, each product labelled from a hand-declared table with id and label columns. */
    record LabelledStock(ToMany<Stocked> stock, FetchPlan<Warehouse> plan) {

        static LabelledStock from(String table) {
            Field<Integer> id = DSL.field(DSL.name(table, "id"), SQLDataType.INTEGER);
            Field<String> text = DSL.field(DSL.name(table, "label"), SQLDataType.CLOB);
            ToOne<String> label = ToOne.of(DSL.table(DSL.name(table)), STOCK.PRODUCT_ID, id).select(text).map(row -> row.get(text));
            ToMany<Stocked> stock = ToMany.via(STOCK__STOCK_WAREHOUSE_ID_FKEY)
                    .select(STOCK.PRODUCT_ID)
                    .where(STOCK.QUANTITY.in(1, 2, 3))
                    .orderBy(STOCK.PRODUCT_ID.asc())
                    .join(label)
                    .map(row -> new Stocked(row.get(STOCK.PRODUCT_ID), row.get(label)));
            return new LabelledStock(stock, FetchPlan.from(WAREHOUSES)
                    .select(WAREHOUSES.ID)
                    .orderBy(WAREHOUSES.ID.asc())
                    .include(stock)
                    .map(row -> new Warehouse(row.get(WAREHOUSES.ID), row.get(stock))));
        }
    }

    /** A real table called t2, with a column called c1: the names of fetchplan's second alias and its columns. */
    static final LabelledStock FROM_T2 = LabelledStock.from("t2");

    /** A real table called s0: the name of STACKED's first level, which the levels below it read. */
    static final LabelledStock FROM_S0 = LabelledStock.from("s0");

    static final List<Warehouse> EXPECTED = List.of(
            new Warehouse((short) 1, List.of(new Stocked(1, "one"), new Stocked(2, "two"))),
            new Warehouse((short) 2, List.of(new Stocked(1, "one"))));

    @BeforeAll
    static void seed() {
        database.dsl().execute("""
                CREATE TABLE t2 (id integer PRIMARY KEY, label text, c1 integer);
                INSERT INTO t2 VALUES (1, 'one', 2), (2, 'two', 2);
                CREATE TABLE s0 AS SELECT * FROM t2;
                INSERT INTO warehouses (id, name) VALUES (1, 'north'), (2, 'south');
                INSERT INTO products (id, name, status, price) VALUES (1, 'lamp', 'active', 1), (2, 'box', 'active', 2);
                INSERT INTO stock VALUES (1, 1, 1, now()), (1, 2, 2, now()), (2, 1, 3, now()), (2, 2, 9, now());
                """);
    }

    @Test
    void aTableNamedLikeAnAliasOfFetchplanIsJustATable() {
        assertEveryStrategyReturnsTheExpectedStock(FROM_T2);
    }

    @Test
    void aTableNamedLikeAStackedLevelIsJustATable() {
        assertEveryStrategyReturnsTheExpectedStock(FROM_S0);
    }

    private static void assertEveryStrategyReturnsTheExpectedStock(LabelledStock labelled) {
        for (FetchStrategy strategy : FetchStrategy.values()) {
            assertThat(labelled.plan().fetch(database.dsl(), strategy)).as(strategy.name()).isEqualTo(EXPECTED);
            assertThat(labelled.plan().limitPerParent(labelled.stock(), 5).fetch(database.dsl(), strategy)).as(strategy.name())
                    .isEqualTo(EXPECTED);
        }
    }

    @Test
    void settingsThatRenderNamesOrBindsDifferentlyGiveTheSameRows() {
        List<Settings> settings = List.of(
                new Settings().withRenderSchema(false),
                new Settings().withRenderMapping(new RenderMapping().withSchemata(new MappedSchema().withInput("public").withOutput("public"))),
                new Settings().withInListPadding(true),
                new Settings().withRenderFormatted(true));
        for (Settings each : settings) {
            DSLContext dsl = DSL.using(database.dataSource(), database.dsl().dialect(), each);
            for (FetchStrategy strategy : FetchStrategy.values()) {
                assertThat(FROM_T2.plan().fetch(dsl, strategy)).as(strategy + " with " + each).isEqualTo(EXPECTED);
            }
        }
    }
}
