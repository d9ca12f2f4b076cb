package dev.fetchplan;

import static dev.fetchplan.schema.jooq.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fetchplan.postgres.Migrations;
import dev.fetchplan.testing.TestDatabase;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jooq.Converter;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.conf.NestedCollectionEmulation;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every column type a plan may select comes back as jOOQ itself reads it, in both strategies and at the root
 * and nested levels: the types BATCHED reads straight from the ResultSet (with and without a user converter)
 * and the ones it leaves to jOOQ (date, arrays, JSONB).
 */
class TypedValuesTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migratedWith(Migrations.CLASSPATH_LOCATION, "classpath:db/library-test");

    record UserId(long value) {
    }

    private static final Table<?> TYPED = DSL.table(DSL.name("typed_values"));
    private static final Field<Long> ID = column("id", SQLDataType.BIGINT);
    private static final Field<Long> USER_ID = column("user_id", SQLDataType.BIGINT);
    private static final Field<UserId> USER_ID_CONVERTED = column("user_id",
            SQLDataType.BIGINT.asConvertedDataType(Converter.ofNullable(Long.class, UserId.class, UserId::new, UserId::value)));
    private static final List<Field<?>> DIRECT = List.of(ID, USER_ID_CONVERTED, column("small", SQLDataType.SMALLINT),
            column("whole", SQLDataType.INTEGER), column("big", SQLDataType.BIGINT), column("flag", SQLDataType.BOOLEAN),
            column("ratio", SQLDataType.DOUBLE), column("amount", SQLDataType.NUMERIC(12, 4)), column("token", SQLDataType.UUID),
            column("label", SQLDataType.CLOB), column("at_instant", SQLDataType.INSTANT),
            column("at_offset", SQLDataType.TIMESTAMPWITHTIMEZONE));
    private static final List<Field<?>> VIA_JOOQ = List.of(ID, column("day", SQLDataType.LOCALDATE),
            column("tags", SQLDataType.CLOB.array()), column("doc", SQLDataType.JSONB));

    private static <T> Field<T> column(String name, DataType<T> type) {
        return DSL.field(DSL.name("typed_values", name), type);
    }

    @BeforeAll
    static void seed() {
        database.dsl().execute("INSERT INTO users (name, email) VALUES ('Ada', 'ada@example.com'), ('Bob', 'bob@example.com')");
        database.dsl().execute("""
                INSERT INTO typed_values (user_id, small, whole, big, flag, ratio, amount, token, label, at_instant, at_offset, day, tags, doc)
                SELECT u.id, (-32768)::smallint, 2147483647, -9223372036854775807, true, 1.5e300::float8, 12345678.0001,
                       '123e4567-e89b-12d3-a456-426614174000'::uuid, 'ünïcödé 🚀', '0001-01-01 00:00:00.000001+00'::timestamptz, '2024-02-29 23:30:00-09:30'::timestamptz, '2024-02-29'::date,
                       ARRAY['a', NULL, 'c,d'], '{"k": [1, "two", null]}'::jsonb
                FROM users u WHERE u.name = 'Ada'
                UNION ALL
                SELECT u.id, 0::smallint, 0, 0, false, -0.0::float8, 0, NULL::uuid, '', '9999-12-31 23:59:59.999999+00'::timestamptz, '1900-01-01 00:00:00+00'::timestamptz, NULL::date, ARRAY[]::text[], 'null'::jsonb
                FROM users u WHERE u.name = 'Ada'
                UNION ALL
                SELECT u.id, NULL::smallint, NULL::int, NULL::bigint, NULL::boolean, NULL::float8, NULL::numeric, NULL::uuid, NULL::text,
                       NULL::timestamptz, NULL::timestamptz, NULL::date, NULL::text[], NULL::jsonb FROM users u WHERE u.name = 'Bob'
                UNION ALL
                SELECT u.id, 1, 1, 1, true, 'NaN'::float8, 1, NULL, 'x', NULL, NULL, NULL, ARRAY[NULL]::text[], '"text"'::jsonb
                FROM users u WHERE u.name = 'Bob'
                UNION ALL
                SELECT u.id, 1, 1, 1, true, '-Infinity'::float8, 1, NULL, 'x', NULL, NULL, NULL, NULL, '[]'::jsonb
                FROM users u WHERE u.name = 'Bob'""");
    }

    @Test
    void directlyReadTypesAndConvertedColumnsEqualWhatJooqReadsAtEveryLevel() {
        assertEveryLevelReadsAsJooqDoes(DIRECT);
    }

    @Test
    void typesLeftToJooqEqualWhatJooqReadsAtEveryLevel() {
        assertEveryLevelReadsAsJooqDoes(VIA_JOOQ);
    }

    @Test
    void aMultisetEmulationTheCallerChoseIsKeptAndReadsTheSameValues() {
        DSLContext jsonb = DSL.using(database.dsl().configuration().derive(new Settings().withEmulateMultiset(NestedCollectionEmulation.JSONB)));
        ToMany<List<Object>> nested = ToMany.of(TYPED, USER_ID, USERS.ID).key(ID).select(DIRECT.toArray(Field<?>[]::new))
                .orderBy(ID.asc()).map(row -> values(DIRECT.stream().map(row::get).toArray()));
        FetchPlan<List<List<Object>>> plan = FetchPlan.from(USERS).select(USERS.ID).orderBy(USERS.ID.asc()).include(nested).map(row -> row.get(nested));

        List<List<List<Object>>> decodedByFetchplan = plan.fetch(database.dsl(), FetchStrategy.MULTISET);

        List<String> statements = database.statementsDuring(() -> assertThat(plan.fetch(jsonb, FetchStrategy.MULTISET))
                .isEqualTo(decodedByFetchplan));

        assertThat(statements).singleElement().asString().contains("jsonb_agg");
    }

    private static void assertEveryLevelReadsAsJooqDoes(List<Field<?>> fields) {
        List<List<Object>> expected = new ArrayList<>();
        for (Record record : database.dsl().select(fields).from(TYPED).orderBy(ID).fetch()) {
            expected.add(values(record.intoArray()));
        }
        ToMany<List<Object>> nested = ToMany.of(TYPED, USER_ID, USERS.ID).key(ID).select(fields.toArray(Field<?>[]::new))
                .orderBy(ID.asc()).map(row -> values(fields.stream().map(row::get).toArray()));
        FetchPlan<List<List<Object>>> usersWithValues = FetchPlan.from(USERS).select(USERS.ID).orderBy(USERS.ID.asc())
                .include(nested).map(row -> row.get(nested));
        FetchPlan<List<Object>> roots = FetchPlan.from(TYPED).key(ID).select(fields.toArray(Field<?>[]::new)).orderBy(ID.asc())
                .map(row -> values(fields.stream().map(row::get).toArray()));

        for (FetchStrategy strategy : FetchStrategy.values()) {
            assertThat(roots.fetch(database.dsl(), strategy)).as("root level, %s", strategy).isEqualTo(expected);
            assertThat(usersWithValues.fetch(database.dsl(), strategy).stream().flatMap(List::stream).toList())
                    .as("nested level, %s", strategy).isEqualTo(expected);
        }
    }

    /** Comparable values: arrays as lists, offsets normalised to UTC as fetchplan returns them. */
    private static List<Object> values(Object[] row) {
        List<Object> values = new ArrayList<>();
        for (Object value : row) {
            if (value instanceof Object[] array) {
                values.add(Arrays.asList(array));
            } else if (value instanceof OffsetDateTime dateTime) {
                values.add(dateTime.toInstant());
            } else if (value instanceof JSONB json) {
                values.add(json.data());
            } else {
                values.add(value);
            }
        }
        return values;
    }
}
