package dev.fetchplan;

import static dev.fetchplan.shop.public_.Keys.STOCK__STOCK_WAREHOUSE_ID_FKEY;
import static dev.fetchplan.shop.public_.Tables.PRODUCTS;
import static dev.fetchplan.shop.public_.Tables.STOCK;
import static dev.fetchplan.shop.public_.Tables.WAREHOUSES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;

/** Declarations that cannot run are refused when they are made, naming what is wrong: no query is ever sent for them. */
class DeclarationChecksTest {

    @Test
    void aFilterMayNotReadAnotherTablesColumnsOutsideASubquery() {
        assertThatThrownBy(() -> ToMany.via(STOCK__STOCK_WAREHOUSE_ID_FKEY).where(WAREHOUSES.NAME.eq("w1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("conditions uses [warehouses.name]; allowed: columns of stock (a subquery in the condition may use any table)");
        assertThatThrownBy(() -> FetchPlan.from(WAREHOUSES).where(STOCK.QUANTITY.gt(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[stock.quantity]");
        assertThatThrownBy(() -> Count.via(STOCK__STOCK_WAREHOUSE_ID_FKEY).where(PRODUCTS.NAME.isNull()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[products.name]");

        ToMany.Builder inStockProducts = ToMany.via(STOCK__STOCK_WAREHOUSE_ID_FKEY)
                .where(STOCK.QUANTITY.gt(0), DSL.exists(DSL.selectOne().from(PRODUCTS)
                        .where(PRODUCTS.ID.eq(STOCK.PRODUCT_ID), PRODUCTS.NAME.isNotNull())));
        assertThat(inStockProducts).as("a subquery may read any table").isNotNull();
    }

    @Test
    void oneParameterNameHasOneTypeAndOneDeclaredValue() {
        assertThatThrownBy(() -> FetchPlan.from(WAREHOUSES).select(WAREHOUSES.ID)
                .where(WAREHOUSES.ID.gt(DSL.param("bound", (short) 0)), WAREHOUSES.ID.lt(DSL.param("bound", (short) 100)))
                .map(row -> 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter bound is declared with the values 0 and 100; allowed: one value per name (bind a value per fetch with FetchPlan.bind)");
        assertThatThrownBy(() -> FetchPlan.from(WAREHOUSES).select(WAREHOUSES.ID)
                .where(WAREHOUSES.ID.gt(DSL.param("bound", (short) 0)), WAREHOUSES.NAME.ne(DSL.param("bound", "0")))
                .map(row -> 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allowed: one type per name");
    }

    @Test
    void aParentKeyWithoutAnSqlTypeIsRefused() {
        Field<Object> untyped = DSL.field(DSL.name("warehouses", "id"), SQLDataType.OTHER);
        ToMany<Integer> stock = ToMany.of(STOCK, STOCK.WAREHOUSE_ID, untyped).select(STOCK.PRODUCT_ID).map(row -> 1);
        assertThatThrownBy(() -> FetchPlan.from(WAREHOUSES).include(stock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("relations' parent key warehouses.id is declared as SQLDataType.OTHER");
    }
}
