package dev.fetchplan.internal.value;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.jooq.Converter;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.JSON;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Makes a column's value survive JSON exactly. PostgreSQL renders a timestamptz in JSON in the session's time
 * zone, and jOOQ's decoder misreads some of those renderings (offsets with seconds, as in local mean time
 * before 1900, decode to null; other zones fail outright). So timestamptz columns travel as epoch
 * microseconds — a JSON number, independent of the session — and are turned back into the column's type.
 * Floating-point columns travel as their text (JSON turns -0 into 0 and has no NaN or infinity), and json/jsonb
 * columns as their text (nested as JSON, a JSON {@code null} would come back as SQL NULL and the document
 * reformatted). A column with a user converter keeps it, applied after the exact value is rebuilt.
 */
public final class ExactJson {

    private static final Converter<Long, Instant> MICROS_TO_INSTANT = Converter.ofNullable(Long.class, Instant.class,
            micros -> Instant.EPOCH.plus(micros, ChronoUnit.MICROS),
            instant -> ChronoUnit.MICROS.between(Instant.EPOCH, instant));
    private static final Converter<Long, OffsetDateTime> MICROS_TO_OFFSET_DATE_TIME = Converter.ofNullable(Long.class, OffsetDateTime.class,
            micros -> Instant.EPOCH.plus(micros, ChronoUnit.MICROS).atOffset(ZoneOffset.UTC),
            dateTime -> ChronoUnit.MICROS.between(Instant.EPOCH, dateTime.toInstant()));

    private static final Converter<String, Double> TEXT_TO_DOUBLE = Converter.ofNullable(String.class, Double.class,
            Double::valueOf, String::valueOf);
    private static final Converter<String, Float> TEXT_TO_FLOAT = Converter.ofNullable(String.class, Float.class,
            Float::valueOf, String::valueOf);
    private static final Converter<String, JSONB> TEXT_TO_JSONB = Converter.ofNullable(String.class, JSONB.class,
            JSONB::jsonb, JSONB::data);
    private static final Converter<String, JSON> TEXT_TO_JSON = Converter.ofNullable(String.class, JSON.class,
            JSON::json, JSON::data);

    private static final Map<DataType<?>, Converter<String, ?>> FROM_TEXT = Map.of(
            SQLDataType.DOUBLE, TEXT_TO_DOUBLE, SQLDataType.FLOAT, TEXT_TO_DOUBLE, SQLDataType.REAL, TEXT_TO_FLOAT,
            SQLDataType.JSONB, TEXT_TO_JSONB, SQLDataType.JSON, TEXT_TO_JSON);

    private ExactJson() {
    }

    /** {@code column} itself, or an expression carrying the same value in a session-independent JSON form. */
    public static Field<?> encode(Field<?> column) {
        DataType<?> type = column.getDataType();
        if (type.getType() == Instant.class && type.getSQLDataType() == SQLDataType.INSTANT) {
            return epochMicros(column, MICROS_TO_INSTANT);
        }
        if (type.getType() == OffsetDateTime.class && type.getSQLDataType() == SQLDataType.TIMESTAMPWITHTIMEZONE) {
            return epochMicros(column, MICROS_TO_OFFSET_DATE_TIME);
        }
        // A type jOOQ does not know (an extension's, generated as DefaultDataType) has no SQLDataType.
        Converter<String, ?> fromText = type.getSQLDataType() == null ? null : FROM_TEXT.get(type.getSQLDataType());
        if (fromText != null) {
            return DSL.field("{0}::text", SQLDataType.CLOB.asConvertedDataType(withUserConverter(fromText, column)), column);
        }
        return column;
    }

    /** {@code exact}, followed by the column's own converter when it has one (the exact value is its database type). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Converter<String, ?> withUserConverter(Converter<String, ?> exact, Field<?> column) {
        Converter<?, ?> user = column.getConverter();
        return user.fromType() == user.toType() ? exact : ((Converter) exact).andThen(user);
    }

    private static <T> Field<T> epochMicros(Field<?> column, Converter<Long, T> converter) {
        return DSL.field("(extract(epoch from {0}) * 1000000)::bigint", SQLDataType.BIGINT.asConvertedDataType(converter), column);
    }
}
