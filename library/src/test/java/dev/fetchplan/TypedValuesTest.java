package dev.fetchplan;

import static dev.fetchplan.schema.jooq.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fetchplan.postgres.Migrations;
import dev.fetchplan.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jooq.Binding;
import org.jooq.Converter;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.conf.NestedCollectionEmulation;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every column type a plan may select comes back as jOOQ itself reads it, in every strategy and at the root
 * and nested levels: the types BATCHED reads straight from the ResultSet (with and without a user converter)
 * and the ones it leaves to jOOQ (date, arrays, JSONB).
 */
class TypedValuesTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migratedWith(Migrations.BLOG_LOCATION, "classpath:db/library-test");

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

    record Label(String text) {
    }

    @Test
    void aCustomBindingUnderAConverterIsReadByTheBindingInBatched() {
        Binding<String, String> exclaiming = Binding.of(Converter.ofNullable(String.class, String.class, text -> text, text -> text),
                sql -> sql.render().sql(sql.variable()),
                get -> get.value(exclaimed(get.resultSet(), get.index())),
                set -> {
                    throw new UnsupportedOperationException("read only");
                });
        Field<Label> label = column("label", SQLDataType.CLOB.asConvertedDataType(exclaiming)
                .asConvertedDataType(Converter.ofNullable(String.class, Label.class, Label::new, Label::text)));
        List<Label> expected = database.dsl().select(label).from(TYPED).orderBy(ID).fetch(label);
        ToMany<Label> nested = ToMany.of(TYPED, USER_ID, USERS.ID).key(ID).select(label).orderBy(ID.asc()).map(row -> row.get(label));
        FetchPlan<List<Label>> users = FetchPlan.from(USERS).select(USERS.ID).orderBy(USERS.ID.asc()).include(nested).map(row -> row.get(nested));
        FetchPlan<Label> roots = FetchPlan.from(TYPED).key(ID).select(label).orderBy(ID.asc()).map(row -> row.get(label));

        assertThat(expected).contains(new Label("ünïcödé 🚀!"));
        assertThat(roots.fetch(database.dsl(), FetchStrategy.BATCHED)).isEqualTo(expected);
        assertThat(users.fetch(database.dsl(), FetchStrategy.BATCHED).stream().flatMap(List::stream).toList()).isEqualTo(expected);
    }

    private static String exclaimed(ResultSet resultSet, int index) {
        try {
            String text = resultSet.getString(index);
            return text == null ? null : text + "!";
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aTimestamptzConverterSeesTheSessionOffsetAsWithJooq() throws SQLException {
        Field<LocalDateTime> wallClock = column("at_offset", SQLDataType.TIMESTAMPWITHTIMEZONE.asConvertedDataType(
                Converter.ofNullable(OffsetDateTime.class, LocalDateTime.class, OffsetDateTime::toLocalDateTime, time -> time.atOffset(ZoneOffset.UTC))));
        try (Connection connection = database.dataSource().getConnection()) {
            DSLContext amsterdam = DSL.using(connection, SQLDialect.POSTGRES);
            amsterdam.execute("SET TIME ZONE 'Europe/Amsterdam'");
            List<LocalDateTime> expected = amsterdam.select(wallClock).from(TYPED).orderBy(ID).fetch(wallClock);
            FetchPlan<LocalDateTime> roots = FetchPlan.from(TYPED).key(ID).select(wallClock).orderBy(ID.asc()).map(row -> row.get(wallClock));

            assertThat(expected).contains(LocalDateTime.of(2024, 3, 1, 10, 0));
            assertThat(roots.fetch(amsterdam, FetchStrategy.BATCHED)).isEqualTo(expected);
        }
    }

    @Test
    void charKeysKeepTheirPaddingAndMatch() {
        Field<String> code = column("code", SQLDataType.CHAR(4));
        database.dsl().execute("UPDATE typed_values SET code = 'ab'");
        try {
            ToMany<Long> sameCode = ToMany.of(TYPED, code, code).key(ID).select(ID).orderBy(ID.asc()).map(row -> row.get(ID));
            FetchPlan<List<Long>> plan = FetchPlan.from(TYPED).key(ID).select(code).orderBy(ID.asc()).include(sameCode).map(row -> row.get(sameCode));
            List<Long> ids = database.dsl().select(ID).from(TYPED).orderBy(ID).fetch(ID);

            for (FetchStrategy strategy : FetchStrategy.values()) {
                assertThat(plan.fetch(database.dsl(), strategy)).as("%s", strategy).hasSize(ids.size()).containsOnly(ids);
            }
        } finally {
            database.dsl().execute("UPDATE typed_values SET code = NULL");
        }
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
