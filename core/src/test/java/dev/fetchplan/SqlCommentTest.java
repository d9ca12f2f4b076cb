package dev.fetchplan;

import static dev.fetchplan.shop.public_.Keys.STOCK__STOCK_WAREHOUSE_ID_FKEY;
import static dev.fetchplan.shop.public_.Tables.STOCK;
import static dev.fetchplan.shop.public_.Tables.WAREHOUSES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fetchplan.testing.TestDatabase;
import java.sql.Connection;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** With {@link FetchPlan#SQL_COMMENT} on, every statement of a fetch carries its plan's name, down to pg_stat_statements. */
class SqlCommentTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migratedWith(Shop.MIGRATIONS);

    record Warehouse(short id, List<Integer> stocked) {
    }

    static final ToMany<Integer> STOCKED = ToMany.via(STOCK__STOCK_WAREHOUSE_ID_FKEY)
            .select(STOCK.PRODUCT_ID)
            .orderBy(STOCK.PRODUCT_ID.asc())
            .map(row -> row.get(STOCK.PRODUCT_ID));

    static final FetchPlan<Warehouse> STOCK_REPORT = FetchPlan.from(WAREHOUSES)
            .named("stock report")
            .select(WAREHOUSES.ID)
            .orderBy(WAREHOUSES.ID.asc())
            .include(STOCKED)
            .map(row -> new Warehouse(row.get(WAREHOUSES.ID), row.get(STOCKED)));

    static final String COMMENT = "/*fetchplan_plan='stock%20report'*/";

    @BeforeAll
    static void seed() {
        ShopData.random(3).insertInto(database.dsl());
    }

    private static DSLContext commenting(DSLContext dsl) {
        DSLContext derived = DSL.using(dsl.configuration().derive());
        derived.configuration().data(FetchPlan.SQL_COMMENT, true);
        return derived;
    }

    @Test
    void aPlanIsNamedAsGivenOrByItsTables() {
        assertThat(STOCK_REPORT.name()).isEqualTo("stock report");
        assertThat(FetchPlan.from(WAREHOUSES).select(WAREHOUSES.ID).include(STOCKED).map(row -> 1).name()).isEqualTo("warehouses(stock)");
        assertThatThrownBy(() -> FetchPlan.from(WAREHOUSES).named(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("name is ' '; allowed: 1 to 200 characters, not blank, no control characters");
    }

    @ParameterizedTest
    @EnumSource(FetchStrategy.class)
    void everyStatementOfAFetchCarriesThePlansName(FetchStrategy strategy) {
        DSLContext dsl = commenting(database.dsl());
        List<String> sent = database.statementsDuring(() -> STOCK_REPORT.fetch(dsl, strategy));
        List<String> ofThePlan = sent.stream().filter(sql -> sql.contains("warehouse") || sql.contains("stock")).toList();
        assertThat(ofThePlan).hasSize(STOCK_REPORT.statements(strategy))
                .allSatisfy(sql -> {
                    assertThat(sql.endsWith(COMMENT) || sql.endsWith(COMMENT + "; COMMIT")).as(sql).isTrue();
                    assertThat(sql.indexOf(COMMENT)).isEqualTo(sql.lastIndexOf(COMMENT));
                });
        assertThat(STOCK_REPORT.fetch(dsl, strategy)).isEqualTo(STOCK_REPORT.fetch(database.dsl(), strategy));
    }

    @Test
    void withoutTheOptionNoStatementIsCommented() {
        List<String> sent = database.statementsDuring(() -> STOCK_REPORT.fetch(database.dsl(), FetchStrategy.BATCHED));
        assertThat(sent).isNotEmpty().noneMatch(sql -> sql.contains("fetchplan_plan"));
    }

    @Test
    void aNameCannotEndTheComment() {
        FetchPlan<Short> evil = FetchPlan.from(WAREHOUSES).named("x*/; DROP TABLE stock; --").select(WAREHOUSES.ID)
                .map(row -> row.get(WAREHOUSES.ID));
        List<String> sent = database.statementsDuring(() -> evil.fetch(commenting(database.dsl()), FetchStrategy.MULTISET));
        assertThat(sent).singleElement().satisfies(sql -> assertThat(sql).endsWith("/*fetchplan_plan='x*%2F%3B%20DROP%20TABLE%20stock%3B%20--'*/"));
        assertThat(database.dsl().fetchCount(STOCK)).isPositive();
    }

    @ParameterizedTest
    @EnumSource(value = FetchStrategy.class, names = {"MULTISET", "BATCHED", "STACKED"})
    void pgStatStatementsAttributesEveryStatementToThePlan(FetchStrategy strategy) throws Exception {
        DSLContext admin = database.dsl();
        assumeTrue(admin.fetchValue("SELECT current_setting('shared_preload_libraries')").toString().contains("pg_stat_statements"),
                "pg_stat_statements is not preloaded on this server");
        admin.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        try (Connection connection = database.dataSource().getConnection()) {
            DSLContext pinned = DSL.using(connection, SQLDialect.POSTGRES);
            pinned.execute("SELECT pg_stat_statements_reset()");
            STOCK_REPORT.fetch(commenting(pinned), strategy);
            List<String> recorded = pinned.fetch("SELECT query FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database "
                    + "WHERE datname = current_database()) AND query NOT LIKE '%pg_stat_statements%' AND (query ILIKE 'select%' OR query ILIKE 'with%')")
                    .getValues(0, String.class);
            assertThat(recorded).hasSize(STOCK_REPORT.statements(strategy)).allSatisfy(query -> assertThat(query).contains(COMMENT));
        }
    }
}
