package dev.fetchplan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fetchplan.testing.TestDatabase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultDataType;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Columns whose jOOQ type is not simply the column's: domains (of arrays, of bytea, of domains, from
 * information_schema), composite values with NULL fields, Strings over other types, keys declared narrower than
 * their columns. Fields are declared by hand, as a team's own code or a forced type would. Every strategy returns
 * what jOOQ reads from a plain column, and matches children to parents as the database's own join does.
 */
class DeclaredTypeTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migratedWith(Shop.MIGRATIONS);

    private static final AtomicInteger TABLES = new AtomicInteger();

    @BeforeAll
    static void types() {
        database.dsl().execute("""
                CREATE TYPE pair AS (a int, b text);
                CREATE DOMAIN blob AS bytea;
                CREATE DOMAIN inner_blob AS bytea;
                CREATE DOMAIN outer_blob AS inner_blob;
                CREATE DOMAIN ints AS int[];
                CREATE DOMAIN tags AS text[];
                CREATE DOMAIN day AS date;
                """);
    }

    static Stream<Arguments> nestedValues() {
        DataType<?> pair = DefaultDataType.getDefaultDataType("\"public\".\"pair\"");
        return Stream.of(
                Arguments.of("domain over bytea", "blob", "'\\x00ff'", SQLDataType.BLOB),
                Arguments.of("domain over a domain over bytea", "outer_blob", "'\\x5c00'", SQLDataType.BLOB),
                Arguments.of("domain over int[]", "ints", "'{1,2}'", SQLDataType.INTEGER.array()),
                Arguments.of("domain over text[]", "tags", "'{a,\"b c\"}'", SQLDataType.CLOB.array()),
                Arguments.of("domain over date", "day", "'2024-02-29'", SQLDataType.LOCALDATE),
                Arguments.of("information_schema domain", "information_schema.cardinal_number", "7", SQLDataType.INTEGER),
                Arguments.of("information_schema domain read as text", "information_schema.character_data", "'x'", SQLDataType.CLOB),
                Arguments.of("composite with all fields NULL", "pair", "ROW(NULL, NULL)::pair", pair),
                Arguments.of("composite with all fields NULL as OTHER", "pair", "ROW(NULL, NULL)::pair", SQLDataType.OTHER),
                Arguments.of("composite with all fields NULL as String", "pair", "ROW(NULL, NULL)::pair", SQLDataType.VARCHAR),
                Arguments.of("composite with one NULL field", "pair", "ROW(1, NULL)::pair", pair),
                Arguments.of("timestamp as String", "timestamp", "'2024-02-29 23:30:00'", SQLDataType.VARCHAR),
                Arguments.of("timestamptz as String", "timestamptz", "'2024-02-29 23:30:00+00'", SQLDataType.CLOB),
                Arguments.of("boolean as String", "boolean", "true", SQLDataType.VARCHAR),
                Arguments.of("int[] as String", "int[]", "'{1,2}'", SQLDataType.VARCHAR),
                Arguments.of("jsonb as String", "jsonb", "'{\"a\": [1, 2]}'", SQLDataType.VARCHAR),
                Arguments.of("numeric as String", "numeric", "1.50", SQLDataType.VARCHAR),
                Arguments.of("char(3) as String", "char(3)", "'ab'", SQLDataType.CHAR(3)),
                Arguments.of("NULL as String", "text", "NULL", SQLDataType.VARCHAR));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nestedValues")
    void aNestedValueIsWhatJooqReadsFromAPlainColumnInEveryStrategy(String label, String sqlType, String literal, DataType<?> type) {
        DSLContext dsl = database.dsl();
        String parents = table("p");
        String children = table("c");
        dsl.execute("CREATE TABLE " + parents + " (id int PRIMARY KEY); INSERT INTO " + parents + " VALUES (1);"
                + "CREATE TABLE " + children + " (id int PRIMARY KEY, p_id int, v " + sqlType + ");"
                + "INSERT INTO " + children + " VALUES (1, 1, " + literal + "), (2, 1, NULL);");
        Field<Integer> parentId = DSL.field(DSL.name(parents, "id"), SQLDataType.INTEGER);
        Field<Integer> childId = DSL.field(DSL.name(children, "id"), SQLDataType.INTEGER);
        Field<Integer> link = DSL.field(DSL.name(children, "p_id"), SQLDataType.INTEGER);
        Field<?> value = DSL.field(DSL.name(children, "v"), type);
        List<String> jooqReads = dsl.select(value).from(DSL.table(DSL.name(children))).orderBy(childId).fetch(0).stream()
                .map(DeclaredTypeTest::shown).toList();
        ToMany<String> values = ToMany.of(DSL.table(DSL.name(children)), link, parentId).key(childId).select(value)
                .orderBy(childId.asc()).map(row -> shown(row.get(value)));
        ToOne<String> joined = ToOne.of(DSL.table(DSL.name(children)), parentId, childId).select(value).map(row -> shown(row.get(value)));
        FetchPlan<List<String>> plan = FetchPlan.from(DSL.table(DSL.name(parents))).key(parentId).select(parentId)
                .orderBy(parentId.asc()).include(values).join(joined)
                .map(row -> Stream.concat(row.get(values).stream(), Stream.of(row.get(joined))).toList());

        List<String> expected = new ArrayList<>(jooqReads);
        expected.add(jooqReads.get(0));
        for (FetchStrategy strategy : FetchStrategy.values()) {
            assertThat(plan.fetch(dsl, strategy)).as(strategy.name()).containsExactly(expected);
        }
    }

    static Stream<Arguments> keys() {
        return Stream.of(
                Arguments.of("varchar(3) declared over text", "text", List.of("'abcd'", "'abcz'"), List.of("'abcd'", "'abcz'"),
                        SQLDataType.VARCHAR(3)),
                Arguments.of("char without a length over char(3)", "char(3)", List.of("'abc'", "'abd'"), List.of("'abc'"), SQLDataType.CHAR),
                Arguments.of("numeric(5,0) declared over numeric", "numeric", List.of("1.4", "1"), List.of("1.4", "1", "1"),
                        SQLDataType.NUMERIC(5, 0)),
                Arguments.of("timestamp(0) declared over timestamp", "timestamp", List.of("'2024-01-01 00:00:00.5'", "'2024-01-01 00:00:01'"),
                        List.of("'2024-01-01 00:00:00.5'", "'2024-01-01 00:00:01'"), SQLDataType.TIMESTAMP(0)),
                Arguments.of("composite with NULL fields", "pair", List.of("ROW(NULL, NULL)", "ROW(1, 'x')", "ROW(1, NULL)"),
                        List.of("ROW(NULL, NULL)", "ROW(1, 'x')", "ROW(1, NULL)", "ROW(1, NULL)"),
                        DefaultDataType.getDefaultDataType("\"public\".\"pair\"")),
                Arguments.of("domain over bytea", "blob", List.of("'\\x00ff'", "'\\x5c'"), List.of("'\\x00ff'", "'\\x5c'"), SQLDataType.BLOB));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    void childrenMatchTheirParentsAsTheDatabasesJoinDoesInEveryStrategy(String label, String sqlType, List<String> parentKeys,
                                                                        List<String> childKeys, DataType<?> type) {
        DSLContext dsl = database.dsl();
        String parents = table("kp");
        String children = table("kc");
        dsl.execute("CREATE TABLE " + parents + " (id int PRIMARY KEY, k " + sqlType + "); CREATE TABLE " + children + " (id int PRIMARY KEY, k "
                + sqlType + ");");
        for (int i = 0; i < parentKeys.size(); i++) {
            dsl.execute("INSERT INTO " + parents + " VALUES (" + (i + 1) + ", " + parentKeys.get(i) + ")");
        }
        for (int i = 0; i < childKeys.size(); i++) {
            dsl.execute("INSERT INTO " + children + " VALUES (" + (10 * (i + 1)) + ", " + childKeys.get(i) + ")");
        }
        Map<Integer, List<Integer>> expected = new LinkedHashMap<>();
        for (Record row : dsl.fetch("SELECT p.id, coalesce(array_agg(c.id ORDER BY c.id) FILTER (WHERE c.id IS NOT NULL), '{}') FROM "
                + parents + " p LEFT JOIN " + children + " c ON c.k = p.k GROUP BY p.id ORDER BY p.id")) {
            expected.put(row.get(0, Integer.class), Arrays.asList(row.get(1, Integer[].class)));
        }
        Field<Integer> parentId = DSL.field(DSL.name(parents, "id"), SQLDataType.INTEGER);
        Field<?> parentKey = DSL.field(DSL.name(parents, "k"), type);
        Field<Integer> childId = DSL.field(DSL.name(children, "id"), SQLDataType.INTEGER);
        Field<?> link = DSL.field(DSL.name(children, "k"), type);
        ToMany<Integer> matched = ToMany.of(DSL.table(DSL.name(children)), link, parentKey).key(childId).select(childId)
                .orderBy(childId.asc()).map(row -> row.get(childId));
        FetchPlan<Map.Entry<Integer, List<Integer>>> plan = FetchPlan.from(DSL.table(DSL.name(parents))).key(parentId)
                .select(parentId).orderBy(parentId.asc()).include(matched)
                .map(row -> Map.entry(row.get(parentId), row.get(matched)));

        assertThat(expected.values()).as("the case has matches").anyMatch(list -> !list.isEmpty());
        for (FetchStrategy strategy : FetchStrategy.values()) {
            assertThat(plan.fetch(dsl, strategy)).as(strategy.name()).containsExactlyElementsOf(expected.entrySet());
            assertThat(plan.limitPerParent(matched, 1).fetch(dsl, strategy)).as(strategy.name() + ", one per parent")
                    .containsExactlyElementsOf(expected.entrySet().stream()
                            .map(entry -> Map.entry(entry.getKey(), entry.getValue().stream().limit(1).toList())).toList());
        }
    }

    @Test
    void aToOneOntoATableWithoutKeysWhoseColumnsHaveNoOrderJoinsOneRowInEveryStrategy() {
        DSLContext dsl = database.dsl();
        String things = table("things");
        String notes = table("notes");
        dsl.execute("CREATE TABLE " + things + " (id int PRIMARY KEY, code text); INSERT INTO " + things + " VALUES (1, 'a'), (2, 'b');"
                + "CREATE TABLE " + notes + " (code text, doc json, at point);"
                + "INSERT INTO " + notes + " VALUES ('a', '{\"n\": 2}', '(1,2)'), ('a', '{\"n\": 1}', '(1,2)'), ('b', '[]', NULL);");
        Field<Integer> id = DSL.field(DSL.name(things, "id"), SQLDataType.INTEGER);
        Field<String> code = DSL.field(DSL.name(things, "code"), SQLDataType.CLOB);
        Field<String> noteCode = DSL.field(DSL.name(notes, "code"), SQLDataType.CLOB);
        Field<?> doc = DSL.field(DSL.name(notes, "doc"), SQLDataType.JSON);
        Field<?> at = DSL.field(DSL.name(notes, "at"), SQLDataType.OTHER);
        ToOne<String> note = ToOne.of(DSL.table(DSL.name(notes)), code, noteCode).select(doc, at)
                .map(row -> row.get(doc) + " " + row.get(at));
        FetchPlan<String> plan = FetchPlan.from(DSL.table(DSL.name(things))).key(id).select(id).orderBy(id.asc()).join(note)
                .map(row -> row.get(note));

        for (FetchStrategy strategy : FetchStrategy.values()) {
            assertThat(plan.fetch(dsl, strategy)).as(strategy.name() + ": the first row by the columns' text")
                    .containsExactly("{\"n\": 1} (1.0,2.0)", "[] null");
        }
    }

    /** A table name no other case uses. */
    private static String table(String prefix) {
        return prefix + "_" + TABLES.incrementAndGet();
    }

    /** A value as text that tells arrays, byte arrays and their contents apart. */
    private static String shown(Object value) {
        if (value instanceof byte[] bytes) {
            return "bytes" + Arrays.toString(bytes);
        }
        if (value instanceof Object[] array) {
            return Arrays.deepToString(array);
        }
        return value == null ? "null" : value.getClass().getSimpleName() + ":" + Objects.toString(value);
    }
}
