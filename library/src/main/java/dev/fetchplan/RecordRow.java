package dev.fetchplan;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.Field;
import org.jooq.Record;

/**
 * A {@link Row} over one record of a level. Columns and joins are read from the payload; children come from
 * the strategy, which knows whether they are nested in the record (MULTISET) or were fetched separately and
 * grouped by key (BATCHED).
 */
final class RecordRow implements Row {

    /** Where a strategy finds a row's children. */
    @FunctionalInterface
    interface Children {
        List<?> of(Level parent, int childPosition, Record record);
    }

    private final Level level;
    private final Record record;
    private final Children children;

    private RecordRow(Level level, Record record, Children children) {
        this.level = level;
        this.record = record;
        this.children = children;
    }

    static Object map(Level level, Record record, Children children) {
        return level.spec.mapper().apply(new RecordRow(level, record, children));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> V get(Field<V> column) {
        return (V) normalized(record.get(level.indexOf(column)));
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
        return (List<C>) children.of(level, level.children.indexOf(level.child(relation)), record);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <C> C get(ToOne<C> relation) {
        Level.Join join = level.join(relation);
        if (record.get(join.keyIndex()) == null) {
            return null;
        }
        return relation.mapper().apply(new JoinRow(join, record));
    }

    @Override
    public long get(Count count) {
        return ((Number) record.get(level.indexOf(count))).longValue();
    }
}
