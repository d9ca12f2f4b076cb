package dev.fetchplan;

import static dev.fetchplan.shop.public_.Keys.STOCK__STOCK_WAREHOUSE_ID_FKEY;
import static dev.fetchplan.shop.public_.Tables.STOCK;
import static dev.fetchplan.shop.public_.Tables.WAREHOUSES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fetchplan.testing.TestDatabase;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
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

    /** A real table called t2, with a column called c1: the names of fetchplan's second alias and its columns. */
    static final Table<?> T2 = DSL.table(DSL.name("t2"));
    static final Field<Integer> T2_ID = DSL.field(DSL.name("t2", "id"), SQLDataType.INTEGER);
    static final Field<String> T2_LABEL = DSL.field(DSL.name("t2", "label"), SQLDataType.CLOB);

    static final ToOne<String> LABEL = ToOne.of(T2, STOCK.PRODUCT_ID, T2_ID).select(T2_LABEL).map(row -> row.get(T2_LABEL));

    static final ToMany<Stocked> STOCK_WITH_LABELS = ToMany.via(STOCK__STOCK_WAREHOUSE_ID_FKEY)
            .select(STOCK.PRODUCT_ID)
            .where(STOCK.QUANTITY.in(1, 2, 3))
            .orderBy(STOCK.PRODUCT_ID.asc())
            .join(LABEL)
            .map(row -> new Stocked(row.get(STOCK.PRODUCT_ID), row.get(LABEL)));

    static final FetchPlan<Warehouse> WAREHOUSES_WITH_STOCK = FetchPlan.from(WAREHOUSES)
            .select(WAREHOUSES.ID)
            .orderBy(WAREHOUSES.ID.asc())
            .include(STOCK_WITH_LABELS)
            .map(row -> new Warehouse(row.get(WAREHOUSES.ID), row.get(STOCK_WITH_LABELS)));

    /** A real table called s0: the name of STACKED's first level, which the levels below it read. */
    static final Table<?> S0 = DSL.table(DSL.name("s0"));
    static final Field<Integer> S0_ID = DSL.field(DSL.name("s0", "id"), SQLDataType.INTEGER);
    static final Field<String> S0_LABEL = DSL.field(DSL.name("s0", "label"), SQLDataType.CLOB);

    static final ToOne<String> LABEL_FROM_S0 = ToOne.of(S0, STOCK.PRODUCT_ID, S0_ID).select(S0_LABEL).map(row -> row.get(S0_LABEL));

    static final ToMany<Stocked> STOCK_WITH_S0_LABELS = ToMany.via(STOCK__STOCK_WAREHOUSE_ID_FKEY)
            .select(STOCK.PRODUCT_ID)
            .where(STOCK.QUANTITY.in(1, 2, 3))
            .orderBy(STOCK.PRODUCT_ID.asc())
            .join(LABEL_FROM_S0)
            .map(row -> new Stocked(row.get(STOCK.PRODUCT_ID), row.get(LABEL_FROM_S0)));

    static final FetchPlan<Warehouse> WAREHOUSES_WITH_S0_LABELS = FetchPlan.from(WAREHOUSES)
            .select(WAREHOUSES.ID)
            .orderBy(WAREHOUSES.ID.asc())
            .include(STOCK_WITH_S0_LABELS)
            .map(row -> new Warehouse(row.get(WAREHOUSES.ID), row.get(STOCK_WITH_S0_LABELS)));

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
        for (FetchStrategy strategy : FetchStrategy.values()) {
            assertThat(WAREHOUSES_WITH_STOCK.fetch(database.dsl(), strategy)).as(strategy.name()).isEqualTo(EXPECTED);
            assertThat(WAREHOUSES_WITH_STOCK.limitPerParent(STOCK_WITH_LABELS, 5).fetch(database.dsl(), strategy)).as(strategy.name())
                    .isEqualTo(EXPECTED);
        }
    }

    @Test
    void aTableNamedLikeAStackedLevelIsJustATable() {
        for (FetchStrategy strategy : FetchStrategy.values()) {
            assertThat(WAREHOUSES_WITH_S0_LABELS.fetch(database.dsl(), strategy)).as(strategy.name()).isEqualTo(EXPECTED);
            assertThat(WAREHOUSES_WITH_S0_LABELS.limitPerParent(STOCK_WITH_S0_LABELS, 5).fetch(database.dsl(), strategy))
                    .as(strategy.name()).isEqualTo(EXPECTED);
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
                assertThat(WAREHOUSES_WITH_STOCK.fetch(dsl, strategy)).as(strategy + " with " + each).isEqualTo(EXPECTED);
            }
        }
    }
}
