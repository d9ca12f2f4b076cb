package dev.fetchplan;

import java.util.List;
import java.util.Objects;
import org.jooq.Field;

/**
 * One row of a plan level as its mapper sees it: the columns the level selects, the children a {@link ToMany}
 * fetched for it, the row a {@link ToOne} joined to it and the counts a {@link Count} computed. Valid inside the
 * mapper only. To test a mapper without a database, build one with {@link #builder()}.
 */
public interface FetchedRow {

    /**
     * The value of a selected column.
     *
     * @throws IllegalArgumentException if the level does not select {@code column}
     */
    <V> V get(Field<V> column);

    /**
     * The children of this row, in the relation's order; an empty list when there are none.
     *
     * @throws IllegalArgumentException if {@code relation} is not included here
     */
    <C> List<C> get(ToMany<C> relation);

    /**
     * The joined row, mapped; {@code null} when there is none (a null or dangling link of an optional relation).
     *
     * @throws IllegalArgumentException if {@code relation} is not joined here
     */
    <C> C get(ToOne<C> relation);

    /**
     * How many rows the count found for this row.
     *
     * @throws IllegalArgumentException if {@code count} is not declared here
     */
    long get(Count count);

    /** A row of given values, for unit tests of mappers: {@code mapper.apply(FetchedRow.builder()...build())}. */
    static Builder builder() {
        return new Builder();
    }

    /**
     * Collects the values of a {@link FetchedRow} made by hand. The row it builds answers exactly what was put in
     * and throws {@link IllegalArgumentException} for anything else, as a fetched row does. Not thread-safe.
     */
    final class Builder {
        private final StubRow row = new StubRow();

        private Builder() {
        }

        /** The value of {@code column} (null allowed). */
        public <V> Builder set(Field<V> column, V value) {
            row.columns.put(Declarations.key(column, "column"), value);
            return this;
        }

        /** The children of {@code relation}, in order. */
        public <C> Builder set(ToMany<C> relation, List<? extends C> children) {
            row.children.put(Objects.requireNonNull(relation, "relation"), List.copyOf(children));
            return this;
        }

        /** The joined row of {@code relation}, already mapped (null for none). */
        public <C> Builder set(ToOne<C> relation, C joined) {
            row.joins.put(Objects.requireNonNull(relation, "relation"), joined);
            return this;
        }

        /** The number {@code count} found. */
        public Builder set(Count count, long value) {
            row.counts.put(Objects.requireNonNull(count, "count"), value);
            return this;
        }

        /** The row; later calls of this builder do not change it. */
        public FetchedRow build() {
            return row.copy();
        }
    }
}
