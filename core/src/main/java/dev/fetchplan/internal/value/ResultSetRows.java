package dev.fetchplan.internal.value;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.Converter;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.exception.DataAccessException;
import org.jooq.exception.DataTypeException;

/**
 * Runs a level's query through jOOQ (so its ExecuteListeners, the N+1 guard among them, see it) and reads the
 * rows straight from the JDBC ResultSet into arrays, one value per selected field. Columns whose database type
 * is a common JDBC type and whose binding is jOOQ's default are read with the typed getter and then converted by
 * the field's converter: the same values jOOQ would produce, without building a Record per row or (for
 * timestamptz) formatting the driver's binary value as text and parsing it back. A query with any other
 * column (a custom binding, an array, JSON, ...) is read by jOOQ and copied out, so every field works.
 */
public final class ResultSetRows {

    @FunctionalInterface
    private interface Getter {
        Object get(ResultSet resultSet, int column) throws SQLException;
    }

    private static final Map<Class<?>, Getter> GETTERS = Map.of(
            String.class, ResultSet::getString,
            Long.class, (resultSet, column) -> nullIfWasNull(resultSet, resultSet.getLong(column)),
            Integer.class, (resultSet, column) -> nullIfWasNull(resultSet, resultSet.getInt(column)),
            Short.class, (resultSet, column) -> nullIfWasNull(resultSet, resultSet.getShort(column)),
            Boolean.class, (resultSet, column) -> nullIfWasNull(resultSet, resultSet.getBoolean(column)),
            Double.class, (resultSet, column) -> nullIfWasNull(resultSet, resultSet.getDouble(column)),
            BigDecimal.class, ResultSet::getBigDecimal,
            UUID.class, (resultSet, column) -> resultSet.getObject(column, UUID.class),
            Instant.class, ResultSetRows::instant);

    private static final String DEFAULT_BINDING = "org.jooq.impl.DefaultBinding";

    private ResultSetRows() {
    }

    /** Every row of {@code query}, whose select list is {@code fields}, as an array of their values; rows of the plan's {@code level}. */
    public static List<Object[]> fetch(DSLContext dsl, ResultQuery<Record> query, List<Field<?>> fields, int level) {
        Getter[] getters = new Getter[fields.size()];
        Converter<?, ?>[] converters = new Converter<?, ?>[fields.size()];
        boolean direct = direct(fields, getters, converters);
        try (ResultSet resultSet = RowBudget.limit(dsl.configuration(), query).fetchResultSet()) {
            List<Object[]> rows = direct ? read(resultSet, getters, converters) : viaJooq(dsl, resultSet, fields);
            RowBudget.take(dsl.configuration(), level, rows.size());
            return rows;
        } catch (SQLException e) {
            throw new DataAccessException("SQL [" + query.getSQL() + "]; " + e.getMessage(), e);
        }
    }

    /**
     * The rows of a stacked statement (STACKED): column 1 holds the row's level, 2 and 3 its number and its parent's
     * within their levels, and each level's values have columns of their own ({@code from[level]} to
     * {@code to[level]}, exclusive), NULL in every other level's rows. Each row becomes its level's values followed
     * by the two numbers, added to {@code byLevel[level]}. Only the row's own level's columns are read.
     */
    public static void fetchStacked(DSLContext dsl, ResultQuery<Record> query, List<Field<?>> fields, int[] from, int[] to,
                                    List<List<Object[]>> byLevel) {
        Getter[] getters = new Getter[fields.size()];
        Converter<?, ?>[] converters = new Converter<?, ?>[fields.size()];
        boolean direct = direct(fields, getters, converters);
        try (ResultSet resultSet = RowBudget.limit(dsl.configuration(), query).fetchResultSet()) {
            if (direct) {
                readStacked(resultSet, getters, converters, from, to, byLevel);
            } else {
                for (Object[] values : viaJooq(dsl, resultSet, fields)) {
                    int level = (Integer) values[0];
                    Object[] row = Arrays.copyOfRange(values, from[level], to[level] + 2);
                    row[row.length - 2] = values[1];
                    row[row.length - 1] = values[2];
                    byLevel.get(level).add(row);
                }
            }
            RowBudget.take(dsl.configuration(), byLevel.stream().mapToLong(List::size).toArray());
        } catch (SQLException e) {
            throw new DataAccessException("SQL [" + query.getSQL() + "]; " + e.getMessage(), e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void readStacked(ResultSet resultSet, Getter[] getters, Converter<?, ?>[] converters, int[] from, int[] to,
                                    List<List<Object[]>> byLevel) throws SQLException {
        while (resultSet.next()) {
            int level = resultSet.getInt(1);
            int width = to[level] - from[level];
            Object[] row = new Object[width + 2];
            for (int i = 0; i < width; i++) {
                int column = from[level] + i;
                Object value = getters[column].get(resultSet, column + 1);
                row[i] = converters[column] == null ? value : ((Converter) converters[column]).from(value);
            }
            row[width] = resultSet.getLong(2);
            long parent = resultSet.getLong(3);
            row[width + 1] = resultSet.wasNull() ? null : parent;
            byLevel.get(level).add(row);
        }
    }

    /** Fills the typed getters and converters of {@code fields}; whether all can be read without jOOQ. */
    private static boolean direct(List<Field<?>> fields, Getter[] getters, Converter<?, ?>[] converters) {
        for (int i = 0; i < getters.length; i++) {
            Converter<?, ?> converter = fields.get(i).getConverter();
            getters[i] = GETTERS.get(converter.fromType());
            converters[i] = converter.fromType() == converter.toType() ? null : converter;
            // No OffsetDateTime here: jOOQ parses timestamptz text and keeps the session's offset, where pgjdbc's
            // OffsetDateTime is always in UTC; such columns are read by jOOQ.
            if (getters[i] == null || !isDefaultBinding(fields.get(i))) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<Object[]> read(ResultSet resultSet, Getter[] getters, Converter<?, ?>[] converters) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        while (resultSet.next()) {
            Object[] row = new Object[getters.length];
            for (int i = 0; i < getters.length; i++) {
                Object value = getters[i].get(resultSet, i + 1);
                row[i] = converters[i] == null ? value : ((Converter) converters[i]).from(value);
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<Object[]> viaJooq(DSLContext dsl, ResultSet resultSet, List<Field<?>> fields) {
        List<Object[]> rows = new ArrayList<>();
        for (Record record : dsl.fetch(resultSet, fields.toArray(Field<?>[]::new))) {
            rows.add(values(record));
        }
        return rows;
    }

    /** A jOOQ record's values, copied as they are ({@code Record.intoArray} runs them through jOOQ's record mapper). */
    public static Object[] values(Record record) {
        Object[] values = new Object[record.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = record.get(i);
        }
        return values;
    }

    /**
     * jOOQ's default bindings (DefaultBinding and its nested classes) read with the plain typed getter. Any other
     * binding — a user's, one of jOOQ's opt-in bindings such as ClobBinding, or a user binding wrapped with a
     * converter (ChainedConverterBinding) — may read the column its own way.
     */
    public static boolean isDefaultBinding(Field<?> field) {
        String binding = field.getBinding().getClass().getName();
        return binding.equals(DEFAULT_BINDING) || binding.startsWith(DEFAULT_BINDING + "$");
    }

    /**
     * A timestamptz as an Instant, as jOOQ reads it: pgjdbc gives {@code 'infinity'} as OffsetDateTime.MAX (MIN),
     * which jOOQ cannot read as an Instant, so neither does fetchplan (rather than invent a year-1000000000 value).
     */
    private static Instant instant(ResultSet resultSet, int column) throws SQLException {
        OffsetDateTime value = resultSet.getObject(column, OffsetDateTime.class);
        if (OffsetDateTime.MAX.equals(value) || OffsetDateTime.MIN.equals(value)) {
            throw unreadable("column " + column + " is timestamptz '" + (OffsetDateTime.MAX.equals(value) ? "" : "-") + "infinity'",
                    Instant.class);
        }
        return value == null ? null : value.toInstant();
    }

    /**
     * The failure for a value that has no value of the Java type it is read as (a numeric NaN as a BigDecimal, an
     * infinite timestamptz as an Instant): jOOQ fails on it too, and fetchplan will not invent one.
     */
    static DataTypeException unreadable(String value, Class<?> type) {
        return new DataTypeException(value + ", which has no " + type.getSimpleName() + " (jOOQ cannot read it either); read the "
                + "column as a String or filter the value out");
    }

    private static Object nullIfWasNull(ResultSet resultSet, Object value) throws SQLException {
        return resultSet.wasNull() ? null : value;
    }
}
