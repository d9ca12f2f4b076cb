package dev.fetchplan;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jooq.Field;
import org.jooq.ForeignKey;
import org.jooq.Table;

/**
 * A to-one relation joined into a level of a {@link FetchPlan} (a many-to-one such as a comment's author):
 * selected in the same statement as the level, so it never adds one. Immutable and thread-safe.
 */
public final class ToOne<T> {

    private final Table<?> table;
    private final Field<?> link;
    private final Field<?> targetKey;
    private final List<Field<?>> columns;
    private final Function<Row, T> mapper;

    private ToOne(Table<?> table, Field<?> link, Field<?> targetKey, List<Field<?>> columns, Function<Row, T> mapper) {
        this.table = table;
        this.link = link;
        this.targetKey = targetKey;
        this.columns = columns;
        this.mapper = mapper;
    }

    /** The row the foreign key references (single-column keys). */
    public static Builder via(ForeignKey<?, ?> foreignKey) {
        Objects.requireNonNull(foreignKey, "foreignKey");
        if (foreignKey.getFields().size() != 1) {
            throw new IllegalArgumentException("foreignKey " + foreignKey.getName() + " has " + foreignKey.getFields().size()
                    + " columns; allowed: a single-column foreign key");
        }
        return new Builder(foreignKey.getKey().getTable(), foreignKey.getFields().get(0), foreignKey.getKeyFields().get(0));
    }

    /** The row of {@code table} whose {@code targetKey} equals this level's {@code link} column. */
    public static Builder of(Table<?> table, Field<?> link, Field<?> targetKey) {
        Objects.requireNonNull(table, "table");
        return new Builder(table, Objects.requireNonNull(link, "link"), Columns.checkBelongs(targetKey, table, "targetKey"));
    }

    Table<?> table() {
        return table;
    }

    /** The referencing level's column. */
    Field<?> link() {
        return link;
    }

    /** The referenced table's column. */
    Field<?> targetKey() {
        return targetKey;
    }

    List<Field<?>> columns() {
        return columns;
    }

    Function<Row, T> mapper() {
        return mapper;
    }

    /** Declares a {@link ToOne}; finish with {@link #map(Function)}. */
    public static final class Builder {
        private final Table<?> table;
        private final Field<?> link;
        private final Field<?> targetKey;
        private List<Field<?>> columns;

        private Builder(Table<?> table, Field<?> link, Field<?> targetKey) {
            this.table = table;
            this.link = link;
            this.targetKey = targetKey;
        }

        /** The columns of the referenced table that the mapper reads. */
        public Builder select(Field<?>... columns) {
            this.columns = Columns.checkSelectable(columns, table);
            return this;
        }

        /** Finishes the relation: the referenced row becomes {@code mapper.apply(row)}. */
        public <T> ToOne<T> map(Function<Row, T> mapper) {
            Objects.requireNonNull(mapper, "mapper");
            if (columns == null) {
                throw new IllegalArgumentException("columns are not selected; call select(...) with the columns of " + table.getName());
            }
            return new ToOne<>(table, link, targetKey, columns, mapper);
        }
    }
}
