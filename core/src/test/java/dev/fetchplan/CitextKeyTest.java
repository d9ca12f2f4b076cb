package dev.fetchplan;

import static dev.fetchplan.shop.public_.Keys.CARTS__CARTS_CUSTOMER_EMAIL_FKEY;
import static dev.fetchplan.shop.public_.Tables.CARTS;
import static dev.fetchplan.shop.public_.Tables.CUSTOMERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fetchplan.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Keys of a type jOOQ does not know (citext, from an extension; generated as a DefaultDataType): the database's
 * equality, which ignores case, matches children to parents in every strategy, and the values come back as jOOQ
 * reads them.
 */
class CitextKeyTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migratedWith(Shop.MIGRATIONS);

    record Customer(String email, String name, List<Integer> carts) {
    }

    record Cart(int id, String customer) {
    }

    static final ToMany<Integer> CARTS_OF_CUSTOMER = ToMany.via(CARTS__CARTS_CUSTOMER_EMAIL_FKEY)
            .select(CARTS.ID)
            .orderBy(CARTS.ID.asc())
            .map(row -> row.get(CARTS.ID));

    static final FetchPlan<Customer> CUSTOMERS_WITH_CARTS = FetchPlan.from(CUSTOMERS)
            .select(CUSTOMERS.EMAIL, CUSTOMERS.NAME)
            .orderBy(CUSTOMERS.NAME.asc())
            .include(CARTS_OF_CUSTOMER)
            .map(row -> new Customer(String.valueOf(row.get(CUSTOMERS.EMAIL)), row.get(CUSTOMERS.NAME), row.get(CARTS_OF_CUSTOMER)));

    static final ToOne<String> CUSTOMER_NAME = ToOne.via(CARTS__CARTS_CUSTOMER_EMAIL_FKEY)
            .select(CUSTOMERS.NAME)
            .map(row -> row.get(CUSTOMERS.NAME));

    static final FetchPlan<Cart> CARTS_WITH_CUSTOMERS = FetchPlan.from(CARTS)
            .select(CARTS.ID)
            .orderBy(CARTS.ID.asc())
            .join(CUSTOMER_NAME)
            .map(row -> new Cart(row.get(CARTS.ID), row.get(CUSTOMER_NAME)));

    @BeforeAll
    static void seed() {
        database.dsl().execute("""
                INSERT INTO customers VALUES ('Bob@x', 'Bob'), ('al@x', 'Al'), ('nobody@x', 'Nobody');
                INSERT INTO carts VALUES (1, 'bob@x', NULL), (2, 'Bob@x', NULL), (3, 'AL@x', NULL), (4, NULL, 'no customer');
                """);
    }

    @Test
    void childrenWhoseKeysDifferOnlyInCaseBelongToTheirParentInEveryStrategy() {
        List<Customer> expected = List.of(new Customer("al@x", "Al", List.of(3)), new Customer("Bob@x", "Bob", List.of(1, 2)),
                new Customer("nobody@x", "Nobody", List.of()));
        for (FetchStrategy strategy : FetchStrategy.values()) {
            assertThat(CUSTOMERS_WITH_CARTS.fetch(database.dsl(), strategy)).as(strategy.name()).isEqualTo(expected);
            assertThat(CUSTOMERS_WITH_CARTS.limitPerParent(CARTS_OF_CUSTOMER, 1).fetch(database.dsl(), strategy)).as(strategy.name())
                    .isEqualTo(List.of(new Customer("al@x", "Al", List.of(3)), new Customer("Bob@x", "Bob", List.of(1)),
                            new Customer("nobody@x", "Nobody", List.of())));
        }
    }

    @Test
    void aToOneOnACitextKeyFindsItsRowAndTheValuesAreWhatJooqReads() {
        Object jooqReads = database.dsl().select(CUSTOMERS.EMAIL).from(CUSTOMERS).where(CUSTOMERS.NAME.eq("Bob")).fetchOne(CUSTOMERS.EMAIL);
        for (FetchStrategy strategy : FetchStrategy.values()) {
            assertThat(CARTS_WITH_CUSTOMERS.fetch(database.dsl(), strategy)).as(strategy.name())
                    .containsExactly(new Cart(1, "Bob"), new Cart(2, "Bob"), new Cart(3, "Al"), new Cart(4, null));
            FetchPlan<Object> emails = FetchPlan.from(CUSTOMERS).select(CUSTOMERS.EMAIL).where(CUSTOMERS.NAME.eq("Bob"))
                    .map(row -> row.get(CUSTOMERS.EMAIL));
            assertThat(emails.fetch(database.dsl(), strategy)).as(strategy.name()).containsExactly(jooqReads);
        }
    }
}
