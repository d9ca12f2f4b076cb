package dev.fetchplan;

import static dev.fetchplan.shop.public_.Keys.TYPED_REFS__TYPED_REFS_HOLDER_ID_FKEY;
import static dev.fetchplan.shop.public_.Keys.TYPED_REFS__TYPED_REFS_TYPED_ID_FKEY;
import static dev.fetchplan.shop.public_.Tables.HOLDERS;
import static dev.fetchplan.shop.public_.Tables.TYPED;
import static dev.fetchplan.shop.public_.Tables.TYPED_REFS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fetchplan.shop.public_.Public;
import dev.fetchplan.testing.TestDatabase;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jooq.Binding;
import org.jooq.Converter;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.ForeignKey;
import org.jooq.JSONB;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.exception.DataTypeException;
import org.jooq.impl.DSL;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PSQLException;

/**
 * Every strategy returns, for every PostgreSQL type jOOQ maps, exactly what jOOQ reads from a plain {@code SELECT}
 * of the column: at the root, nested, nested with a per-parent limit, under a to-one at the root and nested; and
 * for every type that can be a key, as a key with its links (children matched, to-ones found), with NULLs and
 * edge values (db/fetchplan/shop/V2__type_matrix.sql, from core/src/test/type-matrix/generate.py), in three
 * session time zones. A type a plan cannot carry must be refused when the plan is built. Prints the matrix.
 */
class TypeMatrixTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migratedWith(Shop.MIGRATIONS);

    /** UTC; an offset with half an hour; one whose history has offsets with seconds (local mean time before 1900). */
    static final List<String> ZONES = List.of("UTC", "America/St_Johns", "Europe/Amsterdam");

    record Cell(Object id, Object value) {
    }

    /** One cell's outcome: passed, refused at build (with the message), or failed (with what differed). */
    record Outcome(String column, String position, String zone, FetchStrategy strategy, String result) {
    }

    @Test
    void everyStrategyReturnsWhatJooqReadsForEveryTypeInEveryPositionAndZone() {
        List<Outcome> outcomes = new ArrayList<>();
        for (String zone : ZONES) {
            DSLContext dsl = inZone(zone);
            assertThat(dsl.fetchValue("SHOW TimeZone")).as("the session's time zone").isEqualTo(zone);
            List<Integer> byId = dsl.select(TYPED.ID).from(TYPED).orderBy(TYPED.ID).fetch(TYPED.ID);
            List<Integer> byHolder = dsl.select(TYPED.ID).from(TYPED).where(TYPED.HOLDER_ID.isNotNull())
                    .orderBy(TYPED.HOLDER_ID, TYPED.ID).fetch(TYPED.ID);
            List<Integer> byRef = dsl.select(TYPED_REFS.TYPED_ID).from(TYPED_REFS).where(TYPED_REFS.TYPED_ID.isNotNull())
                    .orderBy(TYPED_REFS.TYPED_ID).fetch(TYPED_REFS.TYPED_ID);
            List<Integer> byRefHolder = dsl.select(TYPED_REFS.TYPED_ID).from(TYPED_REFS).where(TYPED_REFS.TYPED_ID.isNotNull())
                    .orderBy(TYPED_REFS.HOLDER_ID, TYPED_REFS.TYPED_ID).fetch(TYPED_REFS.TYPED_ID);
            for (Field<?> column : valueColumns()) {
                Map<Integer, Object> values = jooqReads(dsl, column);
                String name = column.getName() + (column instanceof TableField<?, ?> ? "" : " as " + column.getType().getSimpleName());
                check(outcomes, dsl, column, name, "root", zone, cells(byId, values), () -> rootPlan(column));
                check(outcomes, dsl, column, name, "nested", zone, cells(byHolder, values), () -> nestedPlan(column, false));
                check(outcomes, dsl, column, name, "nested, limit per parent", zone, cells(byHolder, values),
                        () -> nestedPlan(column, true));
                check(outcomes, dsl, column, name, "to-one at the root", zone, cells(byRef, values), () -> toOneAtRootPlan(column));
                check(outcomes, dsl, column, name, "to-one, nested", zone, cells(byRefHolder, values), () -> toOneNestedPlan(column));
            }
            for (String type : keyTypes()) {
                Table<?> keys = table("key_" + type);
                Table<?> links = table("link_" + type);
                ForeignKey<?, ?> link = links.getReferences().get(0);
                Field<String> label = keys.field("label", String.class);
                Field<Integer> linkId = links.field("id", Integer.class);
                List<Cell> children = dsl.select(label, DSL.arrayAgg(linkId).orderBy(linkId))
                        .from(keys).leftJoin(links).on(DSL.condition("{0} = {1}", keys.field("k"), links.field("k")))
                        .groupBy(label).orderBy(label)
                        .fetch(record -> new Cell(record.value1(), childIds(record.value2())));
                List<Cell> parents = dsl.select(linkId, label).from(links).leftJoin(keys)
                        .on(DSL.condition("{0} = {1}", keys.field("k"), links.field("k"))).orderBy(linkId)
                        .fetch(record -> new Cell(record.value1(), record.value2()));
                check(outcomes, dsl, null, "k " + type, "key → links", zone, children, () -> keyPlan(keys, link, label, linkId, false));
                check(outcomes, dsl, null, "k " + type, "key → links, limit per parent", zone, children, () -> keyPlan(keys, link, label, linkId, true));
                check(outcomes, dsl, null, "k " + type, "link → key", zone, parents, () -> linkPlan(links, link, label, linkId));
            }
        }
        print(outcomes);
        assertThat(outcomes).filteredOn(outcome -> outcome.result().startsWith("FAIL")).isEmpty();
    }

    /**
     * What jOOQ reads from a plain SELECT of the column, by id; null when jOOQ fails to read it (then every strategy
     * must fail, for the same reason: see {@link #sameFailure}).
     */
    private static Map<Integer, Object> jooqReads(DSLContext dsl, Field<?> column) {
        try {
            Map<Integer, Object> values = new HashMap<>();
            dsl.select(TYPED.ID, column).from(TYPED).fetch().forEach(record -> values.put(record.get(TYPED.ID), record.get(column)));
            return values;
        } catch (RuntimeException unreadable) {
            JOOQ_FAILURES.put(column, rootCause(unreadable));
            return null;
        }
    }

    /** Why jOOQ could not read each column it could not read: the innermost cause. */
    private static final Map<Field<?>, Throwable> JOOQ_FAILURES = new HashMap<>();

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /**
     * Whether {@code failure} is the failure jOOQ has reading {@code column}: a value jOOQ cannot read in Java, not
     * (say) an SQL error of the strategy's own: the same innermost exception class or fetchplan's refusal of the value
     * by name, and no error from the server.
     */
    private static boolean sameFailure(Field<?> column, RuntimeException failure) {
        Throwable jooq = JOOQ_FAILURES.get(column);
        Throwable ours = rootCause(failure);
        boolean serverError = ours instanceof PSQLException psql && psql.getServerErrorMessage() != null;
        boolean refused = ours instanceof DataTypeException && ours.getMessage().contains("jOOQ cannot read it either");
        return jooq != null && !serverError && (ours.getClass() == jooq.getClass() || refused);
    }

    private static List<Cell> cells(List<Integer> ids, Map<Integer, Object> values) {
        return values == null ? null : ids.stream().map(id -> new Cell(id, values.get(id))).toList();
    }

    private static void check(List<Outcome> outcomes, DSLContext dsl, Field<?> source, String column, String position, String zone,
                              List<Cell> expected, Supplier<FetchPlan<List<Cell>>> plan) {
        FetchPlan<List<Cell>> built;
        try {
            built = plan.get();
        } catch (IllegalArgumentException refused) {
            for (FetchStrategy strategy : FetchStrategy.values()) {
                outcomes.add(new Outcome(column, position, zone, strategy, "REFUSED " + refused.getMessage()));
            }
            return;
        }
        for (FetchStrategy strategy : FetchStrategy.values()) {
            String result;
            try {
                List<Cell> actual = built.fetch(dsl, strategy).stream().flatMap(List::stream).toList();
                result = expected == null ? "FAIL jOOQ cannot read these values, but this returned " + actual
                        : sameCells(expected, actual) ? "PASS" : "FAIL " + difference(expected, actual);
            } catch (RuntimeException failure) {
                result = expected == null ? sameFailure(source, failure) ? "PASS (fails as jOOQ does)"
                        : "FAIL fails otherwise than jOOQ (" + JOOQ_FAILURES.get(source) + "): " + rootCause(failure) : "FAIL " + failure;
            }
            outcomes.add(new Outcome(column, position, zone, strategy, result));
        }
    }

    private static String difference(List<Cell> expected, List<Cell> actual) {
        if (expected.size() != actual.size()) {
            return "expected " + expected.size() + " cells but was " + actual.size() + ": " + actual;
        }
        for (int i = 0; i < expected.size(); i++) {
            Object want = expected.get(i).value();
            Object got = actual.get(i).value();
            if (!Objects.deepEquals(expected.get(i).id(), actual.get(i).id()) || !Objects.deepEquals(want, got)) {
                return "row " + expected.get(i).id() + ": jOOQ reads " + describe(want) + ", this returned " + describe(got)
                        + " (row " + actual.get(i).id() + ")";
            }
        }
        return "equal";
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        String text = value instanceof Object[] array ? Arrays.deepToString(array)
                : value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : String.valueOf(value);
        return text + " (" + value.getClass().getSimpleName() + ")";
    }

    private static boolean sameCells(List<Cell> expected, List<Cell> actual) {
        if (expected.size() != actual.size()) {
            return false;
        }
        for (int i = 0; i < expected.size(); i++) {
            if (!Objects.deepEquals(expected.get(i).id(), actual.get(i).id())
                    || !Objects.deepEquals(expected.get(i).value(), actual.get(i).value())) {
                return false;
            }
        }
        return true;
    }

    private static FetchPlan<List<Cell>> rootPlan(Field<?> column) {
        return FetchPlan.from(TYPED).select(TYPED.ID, column).orderBy(TYPED.ID.asc()).map(row -> List.of(cell(row, column)));
    }

    private static FetchPlan<List<Cell>> nestedPlan(Field<?> column, boolean limited) {
        ToMany.Builder typed = ToMany.of(TYPED, TYPED.HOLDER_ID, HOLDERS.ID).select(TYPED.ID, column).orderBy(TYPED.ID.asc());
        ToMany<Cell> cells = (limited ? typed.limitPerParent(100) : typed).map(row -> cell(row, column));
        return FetchPlan.from(HOLDERS).select(HOLDERS.ID).orderBy(HOLDERS.ID.asc()).include(cells).map(row -> row.get(cells));
    }

    private static ToOne<Cell> typedRow(Field<?> column) {
        return ToOne.via(TYPED_REFS__TYPED_REFS_TYPED_ID_FKEY).select(TYPED.ID, column).map(row -> cell(row, column));
    }

    private static FetchPlan<List<Cell>> toOneAtRootPlan(Field<?> column) {
        ToOne<Cell> typed = typedRow(column);
        return FetchPlan.from(TYPED_REFS).select(TYPED_REFS.ID).where(TYPED_REFS.TYPED_ID.isNotNull()).orderBy(TYPED_REFS.TYPED_ID.asc())
                .join(typed).map(row -> List.of(row.get(typed)));
    }

    private static FetchPlan<List<Cell>> toOneNestedPlan(Field<?> column) {
        ToOne<Cell> typed = typedRow(column);
        ToMany<Cell> refs = ToMany.via(TYPED_REFS__TYPED_REFS_HOLDER_ID_FKEY).select(TYPED_REFS.ID).where(TYPED_REFS.TYPED_ID.isNotNull())
                .orderBy(TYPED_REFS.TYPED_ID.asc()).join(typed).map(row -> row.get(typed));
        return FetchPlan.from(HOLDERS).select(HOLDERS.ID).orderBy(HOLDERS.ID.asc()).include(refs)
                .map(row -> row.get(refs));
    }

    private static FetchPlan<List<Cell>> keyPlan(Table<?> keys, ForeignKey<?, ?> link, Field<String> label, Field<Integer> linkId, boolean limited) {
        ToMany.Builder links = ToMany.via(link).select(linkId).orderBy(linkId.asc());
        ToMany<Integer> children = (limited ? links.limitPerParent(10) : links).map(row -> row.get(linkId));
        return FetchPlan.from(keys).select(label).orderBy(label.asc()).include(children)
                .map(row -> List.of(new Cell(row.get(label), row.get(children))));
    }

    private static FetchPlan<List<Cell>> linkPlan(Table<?> links, ForeignKey<?, ?> link, Field<String> label, Field<Integer> linkId) {
        ToOne<String> key = ToOne.via(link).select(label).map(row -> row.get(label));
        return FetchPlan.from(links).select(linkId).orderBy(linkId.asc()).join(key).map(row -> List.of(new Cell(row.get(linkId), row.get(key))));
    }

    private static List<Integer> childIds(Integer[] ids) {
        List<Integer> children = new ArrayList<>();
        for (Integer id : ids) {
            if (id != null) {
                children.add(id);
            }
        }
        return children;
    }

    private static Cell cell(FetchedRow row, Field<?> column) {
        return new Cell(row.get(TYPED.ID), row.get(column));
    }

    record LongId(Long value) {
    }

    /** Reads inet as InetAddress: a user binding, as a service might have. */
    static final Binding<Object, InetAddress> INET_ADDRESS = Binding.of(
            Converter.ofNullable(Object.class, InetAddress.class, TypeMatrixTest::inetAddress, InetAddress::getHostAddress),
            sql -> sql.render().sql(sql.variable()).sql("::inet"),
            get -> {
                try {
                    get.value(inetAddress(get.resultSet().getString(get.index())));
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            },
            set -> {
                throw new UnsupportedOperationException("read only");
            });

    /** The generated columns, and some read another way: converters, a user binding, other jOOQ types. */
    private static List<Field<?>> valueColumns() {
        List<Field<?>> columns = new ArrayList<>(List.of(TYPED.fields()).stream().filter(field -> field.getName().startsWith("c_")).toList());
        columns.add(alias(TYPED.C_BIGINT, SQLDataType.BIGINT.asConvertedDataType(
                Converter.ofNullable(Long.class, LongId.class, LongId::new, LongId::value))));
        columns.add(alias(TYPED.C_TIMESTAMPTZ, SQLDataType.INSTANT));
        columns.add(alias(TYPED.C_TIMESTAMPTZ_INFINITE, SQLDataType.INSTANT));
        columns.add(alias(TYPED.C_BIT, SQLDataType.BIT));
        columns.add(alias(TYPED.C_JSONB, SQLDataType.JSONB.asConvertedDataType(
                Converter.ofNullable(JSONB.class, String.class, JSONB::data, JSONB::valueOf))));
        columns.add(alias(TYPED.C_STAMP_TEXT, SQLDataType.CLOB.asConvertedDataType(
                Converter.ofNullable(String.class, OffsetDateTime.class, OffsetDateTime::parse, OffsetDateTime::toString))));
        columns.add(alias(TYPED.C_INET, SQLDataType.OTHER.asConvertedDataType(INET_ADDRESS)));
        return columns;
    }

    /** {@code column} of typed, read as {@code type}. */
    private static Field<?> alias(Field<?> column, DataType<?> type) {
        return DSL.field(column.getQualifiedName(), type);
    }

    private static InetAddress inetAddress(Object text) {
        if (text == null) {
            return null;
        }
        String address = text.toString();
        try {
            return InetAddress.getByName(address.contains("/") ? address.substring(0, address.indexOf('/')) : address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static List<String> keyTypes() {
        return Public.PUBLIC.getTables().stream().map(Table::getName).filter(name -> name.startsWith("key_"))
                .map(name -> name.substring(4)).sorted().toList();
    }

    private static Table<?> table(String name) {
        return Objects.requireNonNull(Public.PUBLIC.getTable(name), name);
    }

    /** A DSLContext whose every connection runs in the session time zone {@code zone}. */
    private static DSLContext inZone(String zone) {
        return DSL.using(new DataSourceConnectionProvider(database.dataSource()) {
            @Override
            public Connection acquire() {
                Connection connection = super.acquire();
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET TIME ZONE '" + zone + "'");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
                return connection;
            }
        }, SQLDialect.POSTGRES);
    }

    private static void print(List<Outcome> outcomes) {
        Map<String, List<Outcome>> byColumn = new LinkedHashMap<>();
        outcomes.forEach(outcome -> byColumn.computeIfAbsent(outcome.column() + " | " + outcome.position(), key -> new ArrayList<>()).add(outcome));
        StringBuilder matrix = new StringBuilder("Type matrix (" + ZONES + " × " + List.of(FetchStrategy.values()) + "):\n");
        byColumn.forEach((cell, results) -> matrix.append(String.format("  %-48s %s%n", cell, results.stream()
                .map(result -> result.result().startsWith("PASS") ? "ok" : result.result().startsWith("REFUSED") ? "refused" : "FAIL")
                .distinct().toList())));
        outcomes.stream().filter(outcome -> !outcome.result().startsWith("PASS")).map(Outcome::toString).distinct().limit(60)
                .forEach(outcome -> matrix.append("  ").append(outcome).append('\n'));
        long passed = outcomes.stream().filter(outcome -> outcome.result().startsWith("PASS")).count();
        long refused = outcomes.stream().filter(outcome -> outcome.result().startsWith("REFUSED")).count();
        matrix.append(String.format("%d cells: %d pass, %d refused when built, %d fail%n", outcomes.size(), passed, refused,
                outcomes.size() - passed - refused));
        System.out.println(matrix);
    }
}
