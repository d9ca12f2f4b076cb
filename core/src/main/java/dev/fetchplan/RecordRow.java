package dev.fetchplan;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.Field;
import org.jooq.Record;

/**
 * A {@link Row} over one row of a level, its values in select order. Columns and joins are read from the payload; children come from
 * the strategy, which knows whether they are nested in the record (MULTISET) or were fetched separately and
 * grouped by key (BATCHED).
 */
final class RecordRow implements Row {

    /** Where a strategy finds a row's children. */
    @FunctionalInterface
    interface Children {
        List<?> of(Level parent, int childPosition, Object[] values);
    }

    private final Level level;
    private final Object[] values;
    private final Children children;

    private RecordRow(Level level, Object[] values, Children children) {
        this.level = level;
        this.values = values;
        this.children = children;
    }

    /** A jOOQ record's values, copied as they are ({@code Record.intoArray} runs them through jOOQ's record mapper). */
    static Object[] values(Record record) {
        Object[] values = new Object[record.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = record.get(i);
        }
        return values;
    }

    static Object map(Level level, Object[] values, Children children) {
        return level.spec.mapper().apply(new RecordRow(level, values, children));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> V get(Field<V> column) {
        return (V) normalized(values[level.indexOf(column)]);
    }

    /**
     * A timestamptz stores an instant; the offset the driver attaches is the session's time zone, which JSON
     * (MULTISET's nested levels) does not carry. Both strategies therefore return such values in UTC.
     */
    static Object normalized(Object value) {
        if (value instanceof OffsetDateTime dateTime && !dateTime.getOffset().equals(ZoneOffset.UTC)) {
            return dateTime.withOffsetSameInstant(ZoneOffset.UTC);
        }
        return value;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <C> List<C> get(ToMany<C> relation) {
        return (List<C>) children.of(level, level.children.indexOf(level.child(relation)), values);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <C> C get(ToOne<C> relation) {
        Level.Join join = level.join(relation);
        if (values[join.keyIndex()] == null) {
            return null;
        }
        return relation.mapper().apply(new JoinRow(join, values));
    }

    @Override
    public long get(Count count) {
        return ((Number) values[level.indexOf(count)]).longValue();
    }
}
