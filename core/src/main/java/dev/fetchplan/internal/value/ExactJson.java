package dev.fetchplan.internal.value;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.Converter;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.JSON;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * How each column of a MULTISET nested level travels in JSON, so that it comes back exactly as jOOQ reads it from
 * a plain column. Integers, numerics, booleans, text and uuids travel as themselves. {@code timestamptz} read as an
 * {@code Instant} travels as epoch microseconds (a JSON number, independent of the session's time zone);
 * floating-point columns and json/jsonb as their text (JSON has no -0, NaN or infinity, and a nested JSON
 * {@code null} would come back as SQL NULL). Every other column — dates and times, an {@code OffsetDateTime}
 * (whose offset is the session's), arrays, money, extension types, user bindings, ... — travels as its type's
 * OID and its output text ({@code [oid, "text"]}), which {@link DelegatedValues} hands to jOOQ as pgjdbc would
 * have: jOOQ then reads it with the column's own binding and converter. A column with a user converter keeps it.
 */
public final class ExactJson {

    private static final Converter<Long, Instant> MICROS_TO_INSTANT = Converter.ofNullable(Long.class, Instant.class,
            micros -> Instant.EPOCH.plus(micros, ChronoUnit.MICROS),
            instant -> ChronoUnit.MICROS.between(Instant.EPOCH, instant));
    private static final Converter<String, Double> TEXT_TO_DOUBLE = Converter.ofNullable(String.class, Double.class,
            Double::valueOf, String::valueOf);
    private static final Converter<String, Float> TEXT_TO_FLOAT = Converter.ofNullable(String.class, Float.class,
            Float::valueOf, String::valueOf);
    private static final Converter<String, JSONB> TEXT_TO_JSONB = Converter.ofNullable(String.class, JSONB.class,
            JSONB::valueOf, JSONB::data);
    private static final Converter<String, JSON> TEXT_TO_JSON = Converter.ofNullable(String.class, JSON.class,
            JSON::valueOf, JSON::data);

    private static final Map<DataType<?>, Converter<String, ?>> FROM_TEXT = Map.of(
            SQLDataType.DOUBLE, TEXT_TO_DOUBLE, SQLDataType.FLOAT, TEXT_TO_DOUBLE, SQLDataType.REAL, TEXT_TO_FLOAT,
            SQLDataType.JSONB, TEXT_TO_JSONB, SQLDataType.JSON, TEXT_TO_JSON);

    /**
     * The database types (jOOQ's names, whatever their length or precision) whose JSON rendering {@link NestedJson}
     * reads as jOOQ reads the column; decided by the database type, not the Java one (a {@code bit(1)} mapped to
     * Boolean renders as {@code "1"}, not {@code true}).
     */
    private static final Set<String> AS_THEMSELVES = Set.of(SQLDataType.BIGINT.getTypeName(), SQLDataType.INTEGER.getTypeName(),
            SQLDataType.SMALLINT.getTypeName(), SQLDataType.NUMERIC.getTypeName(), SQLDataType.DECIMAL.getTypeName(),
            SQLDataType.BOOLEAN.getTypeName(), SQLDataType.CLOB.getTypeName(), SQLDataType.VARCHAR.getTypeName(),
            SQLDataType.UUID.getTypeName());

    /** The Java types {@link NestedJson} reads such a rendering into (before a user converter). */
    private static final Set<Class<?>> DECODED = Set.of(Long.class, Integer.class, Short.class, BigDecimal.class, Boolean.class,
            String.class, UUID.class);

    /**
     * The OID of {@code {0}}'s type as a plain SELECT reports it, by which pgjdbc decides how to read its text: a
     * domain's base type (followed through domains of domains). Built-in types (OIDs below 10000) are never domains.
     */
    private static final String TYPE_AS_SELECTED = "case when pg_typeof({0})::oid < 10000 then pg_typeof({0})::oid else ("
            + "with recursive base(oid, depth) as (select pg_typeof({0})::oid, 0 union all select t.typbasetype, base.depth + 1 "
            + "from pg_catalog.pg_type t join base on t.oid = base.oid where t.typtype = 'd') "
            + "select oid from base order by depth desc limit 1) end";

    private ExactJson() {
    }

    /**
     * {@code column} itself, or an expression carrying the same value in a session-independent JSON form, or
     * (when {@link #isDelegated(Field)}) {@code [oid, output text]}.
     */
    public static Field<?> encode(Field<?> column) {
        Field<?> exact = exact(column);
        if (exact != null && isInstant(column)) {
            // 'infinity' has no epoch microseconds: it travels as its text, which the decoder refuses by name,
            // where the cast would fail the whole statement on the server.
            return DSL.field("case when isfinite({0}) then to_json({1}) else to_json({0}::text) end", exact.getDataType(), column, exact);
        }
        if (exact != null) {
            return exact;
        }
        return DSL.field("json_build_array(" + TYPE_AS_SELECTED + ", {1})", SQLDataType.JSON, column, outputText(column));
    }

    /**
     * {@code column}'s output text, as pgjdbc receives the column from a plain SELECT, or NULL. NULL is tested with
     * {@code num_nulls}: {@code x IS NULL} is also true of a composite value whose fields are all NULL.
     */
    public static Field<String> outputText(Field<?> column) {
        return DSL.field("case when num_nulls({0}) = 0 then format('%s', {0}) end", SQLDataType.CLOB, column);
    }

    /** Whether {@code column} is NULL itself (of a composite value: not merely all of its fields). */
    public static Field<Boolean> isPresent(Field<?> column) {
        return DSL.field("num_nulls({0}) = 0", SQLDataType.BOOLEAN, column);
    }

    /**
     * {@code column} as jOOQ's own MULTISET decoding should receive it (a caller chose jOOQ's emulation): the exact
     * encodings above, any other column as itself, for jOOQ to decode by its type.
     */
    public static Field<?> encodeForJooq(Field<?> column) {
        Field<?> exact = exact(column);
        return exact != null ? exact : column;
    }

    /** Whether {@code column} travels as {@code [oid, output text]} and is read by jOOQ after the JSON is decoded. */
    public static boolean isDelegated(Field<?> column) {
        return exact(column) == null;
    }

    /** The encoding of a column {@link NestedJson} decodes itself, or null for a delegated one. */
    private static Field<?> exact(Field<?> column) {
        DataType<?> type = column.getDataType();
        DataType<?> sqlType = type.getSQLDataType();
        if (sqlType == null || !isDefaultBinding(column)) {
            return null;
        }
        if (isInstant(column)) {
            return DSL.field("(extract(epoch from {0}) * 1000000)::bigint", SQLDataType.BIGINT.asConvertedDataType(MICROS_TO_INSTANT), column);
        }
        Converter<String, ?> fromText = FROM_TEXT.get(sqlType);
        if (fromText != null) {
            return DSL.field("{0}::text", SQLDataType.CLOB.asConvertedDataType(withUserConverter(fromText, column)), column);
        }
        if (!AS_THEMSELVES.contains(sqlType.getTypeName()) || !DECODED.contains(column.getConverter().fromType())) {
            return null;
        }
        // A String travels as the column's output text: what a plain column gives jOOQ whatever the column's real
        // type (a timestamp read as a String keeps its space, a boolean is "t"), where JSON would render its own.
        return column.getConverter().fromType() == String.class
                ? DSL.field("{0}", column.getDataType(), outputText(column)) : column;
    }

    private static boolean isInstant(Field<?> column) {
        DataType<?> type = column.getDataType();
        return type.getType() == Instant.class && type.getSQLDataType() == SQLDataType.INSTANT && isDefaultBinding(column);
    }

    /** {@code exact}, followed by the column's own converter when it has one (the exact value is its database type). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Converter<String, ?> withUserConverter(Converter<String, ?> exact, Field<?> column) {
        Converter<?, ?> user = column.getConverter();
        return user.fromType() == user.toType() ? exact : ((Converter) exact).andThen(user);
    }

    private static boolean isDefaultBinding(Field<?> field) {
        return ResultSetRows.isDefaultBinding(field);
    }
}
