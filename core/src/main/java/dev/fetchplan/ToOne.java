package dev.fetchplan;

import dev.fetchplan.internal.plan.JoinSpec;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.Field;
import org.jooq.ForeignKey;
import org.jooq.Table;

/**
 * A to-one relation joined into a level of a {@link FetchPlan} (a many-to-one such as a comment's author): selected
 * in the same statement as the level, so it never adds one. It may carry its own to-one joins, counts and
 * to-many levels (a comment's author with the author's newest posts). Immutable and thread-safe.
 */
public final class ToOne<T> {

    private final JoinSpec spec;

    private ToOne(Builder builder, Function<? super FetchedRow, ? extends T> mapper) {
        this.spec = new JoinSpec(this, builder.node.joined(mapper), builder.link, builder.targetKey, builder.optional,
                builder.declaredUnique);
    }

    /**
     * The row the foreign key references (any number of columns). The database guarantees it exists when the
     * link columns are NOT NULL; otherwise rows without one get {@code null}.
     */
    public static Builder via(ForeignKey<?, ?> foreignKey) {
        Declarations.checkForeignKey(foreignKey, "foreignKey");
        boolean optional = foreignKey.getFields().stream().anyMatch(column -> column.getDataType().nullable());
        return new Builder(foreignKey.getKey().getTable(), List.copyOf(foreignKey.getFields()),
                List.copyOf(foreignKey.getKeyFields()), optional, true);
    }

    /**
     * The row of {@code table} whose {@code targetKey} equals the joining level's {@code link} column, or
     * {@code null} when there is none (no foreign key promises one).
     */
    public static Builder of(Table<?> table, Field<?> link, Field<?> targetKey) {
        return of(table, List.of(Objects.requireNonNull(link, "link")), List.of(Objects.requireNonNull(targetKey, "targetKey")));
    }

    /**
     * Like {@link #of(Table, Field, Field)} with several columns, matched by position. {@code targetKey} must be a
     * primary or unique key of {@code table} where the table declares its keys; for a table that declares none
     * (built by hand with {@code DSL.table}), the caller vouches that it is unique, and should it not be, every
     * strategy joins the same single row: the first by the text of the target's columns the plan reads.
     */
    public static Builder of(Table<?> table, List<? extends Field<?>> link, List<? extends Field<?>> targetKey) {
        Objects.requireNonNull(table, "table");
        Declarations.checkLink(targetKey, table, link, null, "targetKey", "link");
        Declarations.checkUnique(table, targetKey, "targetKey");
        return new Builder(table, List.copyOf(link), List.copyOf(targetKey), true, !table.getKeys().isEmpty());
    }

    JoinSpec spec() {
        return spec;
    }

    /** Declares a {@link ToOne}; finish with {@link #map(Function)}. Not thread-safe. */
    public static final class Builder extends NodeBuilder<Builder> {
        private final List<Field<?>> link;
        private final List<Field<?>> targetKey;
        private final boolean optional;
        private final boolean declaredUnique;

        private Builder(Table<?> table, List<Field<?>> link, List<Field<?>> targetKey, boolean optional, boolean declaredUnique) {
            super(new NodeDeclaration(table, Optional.empty()));
            this.link = link;
            this.targetKey = targetKey;
            this.optional = optional;
            this.declaredUnique = declaredUnique;
        }

        @Override
        Builder self() {
            return this;
        }

        /** Finishes the relation: the referenced row becomes {@code mapper.apply(row)}. */
        public <T> ToOne<T> map(Function<? super FetchedRow, ? extends T> mapper) {
            return new ToOne<>(this, mapper);
        }
    }
}
