package dev.fetchplan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fetchplan.testing.TestDatabase;
import java.util.List;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Children meet their parents by the database's equality, never by a Java conversion of the keys: an integer link
 * to a bigint key is not narrowed, keys equal under a case-insensitive collation match, and a to-one target
 * without declared keys gives one row per link, the same in every strategy.
 */
class KeyMatchingTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migratedWith(Shop.MIGRATIONS);

    record Parent(Object key, List<Integer> children) {
    }

    static final Table<?> ACCOUNTS = DSL.table(DSL.name("accounts"));
    static final Field<Long> ACCOUNT_ID = DSL.field(DSL.name("accounts", "id"), SQLDataType.BIGINT);
    static final Table<?> ENTRIES = DSL.table(DSL.name("entries"));
    static final Field<Integer> ENTRY_ID = DSL.field(DSL.name("entries", "id"), SQLDataType.INTEGER);
    static final Field<Integer> ENTRY_ACCOUNT = DSL.field(DSL.name("entries", "account_id"), SQLDataType.INTEGER);

    @BeforeAll
    static void tables() {
        database.dsl().execute("""
                CREATE TABLE accounts (id bigint PRIMARY KEY);
                CREATE TABLE entries (id integer PRIMARY KEY, account_id integer);
                INSERT INTO accounts VALUES (1), (4294967297);
                INSERT INTO entries VALUES (10, 1), (11, 1);
                CREATE TABLE labels (code text, label text);
                INSERT INTO labels VALUES ('a', 'second'), ('a', 'first'), ('b', 'only');
                """);
    }

    @Test
    void anIntegerLinkToABigintKeyIsComparedInSqlNotNarrowedInJava() {
        ToMany<Integer> entries = ToMany.of(ENTRIES, ENTRY_ACCOUNT, ACCOUNT_ID).key(ENTRY_ID).select(ENTRY_ID).orderBy(ENTRY_ID.asc())
                .map(row -> row.get(ENTRY_ID));
        FetchPlan<Parent> accounts = FetchPlan.from(ACCOUNTS).key(ACCOUNT_ID).select(ACCOUNT_ID).orderBy(ACCOUNT_ID.asc()).include(entries)
                .map(row -> new Parent(row.get(ACCOUNT_ID), row.get(entries)));

        for (FetchStrategy strategy : FetchStrategy.values()) {
            assertThat(accounts.fetch(database.dsl(), strategy)).as(strategy.name())
                    .containsExactly(new Parent(1L, List.of(10, 11)), new Parent(4294967297L, List.of()));
            assertThat(accounts.limitPerParent(entries, 1).fetch(database.dsl(), strategy)).as(strategy.name())
                    .containsExactly(new Parent(1L, List.of(10)), new Parent(4294967297L, List.of()));
        }
    }

    @Test
    void keysEqualUnderANondeterministicCollationMatch() {
        assumeTrue(database.dsl().fetchExists(DSL.selectOne().from("pg_collation").where("collprovider = 'i'")),
                "this PostgreSQL is built without ICU");
        database.dsl().execute("""
                CREATE COLLATION IF NOT EXISTS case_insensitive (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
                CREATE TABLE teams (name text COLLATE case_insensitive PRIMARY KEY);
                CREATE TABLE members (id integer PRIMARY KEY, team text COLLATE case_insensitive REFERENCES teams (name));
                INSERT INTO teams VALUES ('Red'), ('blue');
                INSERT INTO members VALUES (1, 'red'), (2, 'RED'), (3, 'Blue'), (4, NULL);
                """);
        Field<String> teamName = DSL.field(DSL.name("teams", "name"), SQLDataType.CLOB);
        Field<Integer> memberId = DSL.field(DSL.name("members", "id"), SQLDataType.INTEGER);
        Field<String> memberTeam = DSL.field(DSL.name("members", "team"), SQLDataType.CLOB);
        ToMany<Integer> members = ToMany.of(DSL.table(DSL.name("members")), memberTeam, teamName).key(memberId).select(memberId)
                .orderBy(memberId.asc()).map(row -> row.get(memberId));
        FetchPlan<Parent> teams = FetchPlan.from(DSL.table(DSL.name("teams"))).key(teamName).select(teamName).orderBy(teamName.asc())
                .include(members).map(row -> new Parent(row.get(teamName), row.get(members)));

        for (FetchStrategy strategy : FetchStrategy.values()) {
            assertThat(teams.fetch(database.dsl(), strategy)).as(strategy.name())
                    .containsExactly(new Parent("blue", List.of(3)), new Parent("Red", List.of(1, 2)));
        }
    }

    @Test
    void aToOneTargetWithoutDeclaredKeysJoinsOneRowTheSameInEveryStrategy() {
        Field<String> code = DSL.field(DSL.name("labels", "code"), SQLDataType.CLOB);
        Field<String> label = DSL.field(DSL.name("labels", "label"), SQLDataType.CLOB);
        Field<String> productName = DSL.field(DSL.name("products", "name"), SQLDataType.CLOB);
        ToOne<String> labelOf = ToOne.of(DSL.table(DSL.name("labels")), productName, code).select(label).map(row -> row.get(label));
        FetchPlan<String> products = FetchPlan.from(dev.fetchplan.shop.public_.Tables.PRODUCTS)
                .select(dev.fetchplan.shop.public_.Tables.PRODUCTS.NAME).orderBy(dev.fetchplan.shop.public_.Tables.PRODUCTS.ID.asc())
                .join(labelOf).map(row -> row.get(dev.fetchplan.shop.public_.Tables.PRODUCTS.NAME) + "=" + row.get(labelOf));
        database.dsl().execute("""
                INSERT INTO products (id, name, status, price) VALUES (1, 'a', 'active', 1), (2, 'b', 'active', 1), (3, 'c', 'active', 1);
                """);

        for (FetchStrategy strategy : FetchStrategy.values()) {
            assertThat(products.fetch(database.dsl(), strategy)).as(strategy.name()).containsExactly("a=first", "b=only", "c=null");
        }
    }
}
