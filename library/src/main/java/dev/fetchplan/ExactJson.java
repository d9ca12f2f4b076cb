package dev.fetchplan;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.jooq.Converter;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Makes a column's value survive JSON exactly. PostgreSQL renders a timestamptz in JSON in the session's time
 * zone, and jOOQ's decoder misreads some of those renderings (offsets with seconds, as in local mean time
 * before 1900, decode to null; other zones fail outright). So timestamptz columns travel as epoch
 * microseconds — a JSON number, independent of the session — and are turned back into the column's type.
 */
final class ExactJson {

    private static final Converter<Long, Instant> MICROS_TO_INSTANT = Converter.ofNullable(Long.class, Instant.class,
            micros -> Instant.EPOCH.plus(micros, ChronoUnit.MICROS),
            instant -> ChronoUnit.MICROS.between(Instant.EPOCH, instant));
    private static final Converter<Long, OffsetDateTime> MICROS_TO_OFFSET_DATE_TIME = Converter.ofNullable(Long.class, OffsetDateTime.class,
            micros -> Instant.EPOCH.plus(micros, ChronoUnit.MICROS).atOffset(ZoneOffset.UTC),
            dateTime -> ChronoUnit.MICROS.between(Instant.EPOCH, dateTime.toInstant()));

    private ExactJson() {
    }

    /** {@code column} itself, or an expression carrying the same value in a session-independent JSON form. */
    static Field<?> encode(Field<?> column) {
        DataType<?> type = column.getDataType();
        if (type.getType() == Instant.class && type.getSQLDataType() == SQLDataType.INSTANT) {
            return epochMicros(column, MICROS_TO_INSTANT);
        }
        if (type.getType() == OffsetDateTime.class && type.getSQLDataType() == SQLDataType.TIMESTAMPWITHTIMEZONE) {
            return epochMicros(column, MICROS_TO_OFFSET_DATE_TIME);
        }
        return column;
    }

    private static <T> Field<T> epochMicros(Field<?> column, Converter<Long, T> converter) {
        return DSL.field("(extract(epoch from {0}) * 1000000)::bigint", SQLDataType.BIGINT.asConvertedDataType(converter), column);
    }
}
