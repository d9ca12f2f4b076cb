package dev.fetchplan;

import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Function;
import org.jooq.Field;
import org.jooq.ForeignKey;
import org.jooq.Table;

/**
 * A nested level of a {@link FetchPlan}: the rows of a child table that point at each parent row, in a
 * declared order, optionally only the first N per parent, mapped to {@code T}. Immutable and thread-safe.
 *
 * <pre>{@code
 * ToMany<Post> posts = ToMany.via(Keys.POSTS__POSTS_USER_FK)
 *         .select(POSTS.ID, POSTS.TITLE)
 *         .orderBy(POSTS.CREATED_AT.desc())
 *         .limitPerParent(5)
 *         .map(row -> new Post(row.get(POSTS.ID), row.get(POSTS.TITLE)));
 * }</pre>
 */
public final class ToMany<T> {

    private final LevelSpec spec;
    private final Field<?> link;
    private final Field<?> parentKey;
    private final OptionalInt limitPerParent;

    private ToMany(LevelSpec spec, Field<?> link, Field<?> parentKey, OptionalInt limitPerParent) {
        this.spec = spec;
        this.link = link;
        this.parentKey = parentKey;
        this.limitPerParent = limitPerParent;
    }

    /** The rows of the foreign key's table that reference each parent row through it (single-column keys). */
    public static Builder via(ForeignKey<?, ?> foreignKey) {
        Columns.checkSingleColumn(foreignKey);
        return new Builder(foreignKey.getTable(), foreignKey.getFields().get(0), foreignKey.getKeyFields().get(0));
    }

    /** The rows of {@code table} whose {@code link} column equals the parent's {@code parentKey} column. */
    public static Builder of(Table<?> table, Field<?> link, Field<?> parentKey) {
        Objects.requireNonNull(table, "table");
        return new Builder(table, Columns.checkBelongs(link, table, "link"), Objects.requireNonNull(parentKey, "parentKey"));
    }

    LevelSpec spec() {
        return spec;
    }

    /** The child's column that holds the parent's key. */
    Field<?> link() {
        return link;
    }

    /** The parent's column the link refers to. */
    Field<?> parentKey() {
        return parentKey;
    }

    OptionalInt limitPerParent() {
        return limitPerParent;
    }

    /** Declares a {@link ToMany}; finish with {@link #map(Function)}. */
    public static final class Builder extends LevelBuilder<Builder> {
        private final Field<?> link;
        private final Field<?> parentKey;
        private OptionalInt limitPerParent = OptionalInt.empty();

        private Builder(Table<?> table, Field<?> link, Field<?> parentKey) {
            super(table);
            this.link = link;
            this.parentKey = parentKey;
        }

        @Override
        Builder self() {
            return this;
        }

        /** Only the first {@code limit} children of each parent in the declared order (top-N per parent). */
        public Builder limitPerParent(int limit) {
            if (limit < 1) {
                throw new IllegalArgumentException("limitPerParent is " + limit + "; allowed: 1 or more");
            }
            this.limitPerParent = OptionalInt.of(limit);
            return this;
        }

        /** Like {@link #limitPerParent(int)}, or all children when {@code limit} is empty. */
        public Builder limitPerParent(OptionalInt limit) {
            Objects.requireNonNull(limit, "limit");
            if (limit.isPresent()) {
                return limitPerParent(limit.getAsInt());
            }
            this.limitPerParent = OptionalInt.empty();
            return this;
        }

        /** Finishes the relation: each child row becomes {@code mapper.apply(row)}. */
        public <T> ToMany<T> map(Function<? super Row, ? extends T> mapper) {
            return new ToMany<>(spec(mapper), link, parentKey, limitPerParent);
        }
    }
}
