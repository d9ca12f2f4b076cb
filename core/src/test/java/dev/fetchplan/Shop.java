package dev.fetchplan;

/** The engine's own test schema: migrations in db/fetchplan/shop, jOOQ classes in dev.fetchplan.shop. */
final class Shop {

    static final String MIGRATIONS = "classpath:db/fetchplan/shop";

    private Shop() {
    }
}
