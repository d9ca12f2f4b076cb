package dev.fetchplan;

import static dev.fetchplan.shop.public_.Keys.STOCK__STOCK_PRODUCT_ID_FKEY;
import static dev.fetchplan.shop.public_.Tables.PRODUCTS;
import static dev.fetchplan.shop.public_.Tables.STOCK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Function;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;

/** A mapper is unit-tested without a database: a FetchedRow made by hand answers what was put in, and only that. */
class FetchedRowBuilderTest {

    record Product(int id, String name, long stockedIn, List<Integer> quantities) {
    }

    static final Count STOCKED_IN = Count.via(STOCK__STOCK_PRODUCT_ID_FKEY);
    static final ToMany<Integer> QUANTITIES = ToMany.via(STOCK__STOCK_PRODUCT_ID_FKEY).select(STOCK.QUANTITY)
            .map(row -> row.get(STOCK.QUANTITY));
    static final Function<FetchedRow, Product> MAPPER = row -> new Product(row.get(PRODUCTS.ID), row.get(PRODUCTS.NAME),
            row.get(STOCKED_IN), row.get(QUANTITIES));

    @Test
    void aMapperRunsOnAHandMadeRow() {
        FetchedRow row = FetchedRow.builder()
                .set(PRODUCTS.ID, 7)
                .set(PRODUCTS.NAME, "lamp")
                .set(STOCKED_IN, 2)
                .set(QUANTITIES, List.of(5, 3))
                .build();

        assertThat(MAPPER.apply(row)).isEqualTo(new Product(7, "lamp", 2, List.of(5, 3)));
    }

    @Test
    void aHandMadeRowFindsColumnsByTableAndNameAndRefusesTheRest() {
        Field<String> sameColumnByName = DSL.field(DSL.name("products", "name"), SQLDataType.CLOB);
        FetchedRow row = FetchedRow.builder().set(PRODUCTS.NAME, "lamp").set(PRODUCTS.CATEGORY_ID, null).build();

        assertThat(row.get(sameColumnByName)).isEqualTo("lamp");
        assertThat(row.get(PRODUCTS.CATEGORY_ID)).isNull();
        assertThatThrownBy(() -> row.get(PRODUCTS.ID)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column products.id is not set");
        assertThatThrownBy(() -> row.get(QUANTITIES)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> row.get(STOCKED_IN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBuiltRowDoesNotChangeWhenItsBuilderDoes() {
        FetchedRow.Builder builder = FetchedRow.builder().set(PRODUCTS.NAME, "lamp");
        FetchedRow row = builder.build();
        builder.set(PRODUCTS.NAME, "desk");

        assertThat(row.get(PRODUCTS.NAME)).isEqualTo("lamp");
    }
}
