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
    private final boolean optional;
    private final List<Field<?>> columns;
    private final Function<? super Row, ? extends T> mapper;

    private ToOne(Table<?> table, Field<?> link, Field<?> targetKey, boolean optional, List<Field<?>> columns,
                  Function<? super Row, ? extends T> mapper) {
        this.table = table;
        this.link = link;
        this.targetKey = targetKey;
        this.optional = optional;
        this.columns = columns;
        this.mapper = mapper;
    }

    /**
     * The row the foreign key references (single-column keys). The database guarantees it exists when the
     * link column is NOT NULL; a nullable link gives {@code null} for rows without one.
     */
    public static Builder via(ForeignKey<?, ?> foreignKey) {
        Columns.checkSingleColumn(foreignKey);
        Field<?> link = foreignKey.getFields().get(0);
        return new Builder(foreignKey.getKey().getTable(), link, foreignKey.getKeyFields().get(0), link.getDataType().nullable());
    }

    /**
     * The row of {@code table} whose {@code targetKey} equals this level's {@code link} column, or {@code null}
     * when there is none (no foreign key promises one). {@code targetKey} must be unique: a single-column
     * primary or unique key where the table declares its keys.
     */
    public static Builder of(Table<?> table, Field<?> link, Field<?> targetKey) {
        Objects.requireNonNull(table, "table");
        Columns.checkBelongs(targetKey, table, "targetKey");
        boolean declaresKeys = !table.getKeys().isEmpty();
        boolean unique = table.getKeys().stream().anyMatch(key -> key.getFields().size() == 1
                && key.getFields().get(0).getName().equals(targetKey.getName()));
        if (declaresKeys && !unique) {
            throw new IllegalArgumentException("targetKey is " + table.getName() + "." + targetKey.getName()
                    + "; allowed: a single-column primary or unique key of " + table.getName());
        }
        return new Builder(table, Objects.requireNonNull(link, "link"), targetKey, true);
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

    /** Whether a row may have no target (then the join is an outer join and the value is null). */
    boolean optional() {
        return optional;
    }

    List<Field<?>> columns() {
        return columns;
    }

    Function<? super Row, ? extends T> mapper() {
        return mapper;
    }

    /** Declares a {@link ToOne}; finish with {@link #map(Function)}. */
    public static final class Builder {
        private final Table<?> table;
        private final Field<?> link;
        private final Field<?> targetKey;
        private final boolean optional;
        private List<Field<?>> columns;

        private Builder(Table<?> table, Field<?> link, Field<?> targetKey, boolean optional) {
            this.table = table;
            this.link = link;
            this.targetKey = targetKey;
            this.optional = optional;
        }

        /** The columns of the referenced table that the mapper reads. */
        public Builder select(Field<?>... columns) {
            this.columns = Columns.checkSelectable(columns, table);
            return this;
        }

        /** Finishes the relation: the referenced row becomes {@code mapper.apply(row)}. */
        public <T> ToOne<T> map(Function<? super Row, ? extends T> mapper) {
            Objects.requireNonNull(mapper, "mapper");
            if (columns == null) {
                throw new IllegalArgumentException("columns are not selected; call select(...) with the columns of " + table.getName());
            }
            return new ToOne<>(table, link, targetKey, optional, columns, mapper);
        }
    }
}
