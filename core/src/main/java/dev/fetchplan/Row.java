package dev.fetchplan;

import java.util.List;
import org.jooq.Field;

/**
 * One row of a plan level, as its mapper sees it: the columns the level selects, the children a
 * {@link ToMany} fetched for it and the row a {@link ToOne} joined to it. Only valid inside the mapper.
 */
public sealed interface Row permits RecordRow, JoinRow {

    /**
     * The value of a selected column of this level.
     *
     * @throws IllegalArgumentException if the level does not select {@code column}
     */
    <V> V get(Field<V> column);

    /**
     * The children of this row, in the relation's order; an empty list when there are none.
     *
     * @throws IllegalArgumentException if {@code relation} is not included at this level
     */
    <C> List<C> get(ToMany<C> relation);

    /**
     * The joined row, or {@code null} when the link column is null.
     *
     * @throws IllegalArgumentException if {@code relation} is not joined at this level
     */
    <C> C get(ToOne<C> relation);

    /**
     * How many child rows point at this row.
     *
     * @throws IllegalArgumentException if {@code count} is not declared at this level
     */
    long get(Count count);
}
