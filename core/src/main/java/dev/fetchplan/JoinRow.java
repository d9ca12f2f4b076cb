package dev.fetchplan;

import java.util.List;
import org.jooq.Field;

/** The columns of a row joined by a {@link ToOne}; it has no relations or counts of its own. */
record JoinRow(Level.Join join, Object[] values) implements Row {

    @Override
    @SuppressWarnings("unchecked")
    public <V> V get(Field<V> column) {
        return (V) RecordRow.normalized(values[join.indexOf(column)]);
    }

    @Override
    public <C> List<C> get(ToMany<C> relation) {
        throw new IllegalArgumentException("a joined " + join.relation().table().getName() + " row has no relations");
    }

    @Override
    public <C> C get(ToOne<C> relation) {
        throw new IllegalArgumentException("a joined " + join.relation().table().getName() + " row has no relations");
    }

    @Override
    public long get(Count count) {
        throw new IllegalArgumentException("a joined " + join.relation().table().getName() + " row has no counts");
    }
}
