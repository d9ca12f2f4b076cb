package dev.fetchplan;

import dev.fetchplan.internal.plan.ColumnKey;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Field;

/** The row {@link FetchedRow.Builder} builds: values put in by hand, looked up as a fetched row looks them up. */
final class StubRow implements FetchedRow {

    final Map<ColumnKey, Object> columns = new HashMap<>();
    final Map<ToMany<?>, List<?>> children = new IdentityHashMap<>();
    final Map<ToOne<?>, Object> joins = new IdentityHashMap<>();
    final Map<Count, Long> counts = new IdentityHashMap<>();

    StubRow copy() {
        StubRow copy = new StubRow();
        copy.columns.putAll(columns);
        copy.children.putAll(children);
        copy.joins.putAll(joins);
        copy.counts.putAll(counts);
        return copy;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> V get(Field<V> column) {
        ColumnKey key = Declarations.key(column, "column");
        if (!columns.containsKey(key)) {
            throw new IllegalArgumentException("column " + key + " is not set in this row; set: " + columns.keySet());
        }
        return (V) columns.get(key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <C> List<C> get(ToMany<C> relation) {
        List<?> list = children.get(relation);
        if (list == null) {
            throw new IllegalArgumentException("relation is not set in this row; set it with set(relation, children)");
        }
        return (List<C>) list;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <C> C get(ToOne<C> relation) {
        if (!joins.containsKey(relation)) {
            throw new IllegalArgumentException("relation is not set in this row; set it with set(relation, joined)");
        }
        return (C) joins.get(relation);
    }

    @Override
    public long get(Count count) {
        Long value = counts.get(count);
        if (value == null) {
            throw new IllegalArgumentException("count is not set in this row; set it with set(count, value)");
        }
        return value;
    }
}
