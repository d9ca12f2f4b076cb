package dev.fetchplan;

import dev.fetchplan.internal.plan.ChildSpec;
import dev.fetchplan.internal.plan.Through;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import org.jooq.Field;
import org.jooq.ForeignKey;
import org.jooq.Table;

/**
 * A nested level of a {@link FetchPlan}: the rows of a table that point at each parent row — directly, or
 * through a link table (many-to-many) — optionally filtered, in a declared order, optionally only the first N
 * per parent, mapped to {@code T}. Keys may have any number of columns. Immutable and thread-safe; include the
 * same instance in several plans freely.
 *
 * <pre>{@code
 * static final ToMany<Post> PUBLISHED_POSTS = ToMany.via(Keys.POSTS__POSTS_USER_FK)
 *         .select(POSTS.ID, POSTS.TITLE)
 *         .where(POSTS.PUBLISHED.isTrue())
 *         .orderBy(POSTS.CREATED_AT.desc())
 *         .limitPerParent(5)
 *         .map(row -> new Post(row.get(POSTS.ID), row.get(POSTS.TITLE)));
 * }</pre>
 */
public final class ToMany<T> {

    private final ChildSpec spec;

    private ToMany(Builder builder, Function<? super FetchedRow, ? extends T> mapper) {
        this.spec = new ChildSpec(this, builder.node.level(mapper), builder.link, builder.parentKey, builder.limitPerParent);
    }

    /** The rows of the foreign key's table that reference each parent row through it (any number of columns). */
    public static Builder via(ForeignKey<?, ?> foreignKey) {
        Declarations.checkForeignKey(foreignKey, "foreignKey");
        return new Builder(foreignKey.getTable(), Optional.empty(), List.copyOf(foreignKey.getFields()),
                List.copyOf(foreignKey.getKeyFields()));
    }

    /**
     * Many-to-many as one level: the rows of {@code toTarget}'s referenced table that a link table connects to each
     * parent row ({@code toParent} and {@code toTarget} are the link table's foreign keys to the parent and the
     * target). The link table costs no level and no statement; its columns may be selected, ordered and
     * filtered on too.
     */
    public static Builder through(ForeignKey<?, ?> toParent, ForeignKey<?, ?> toTarget) {
        Declarations.checkForeignKey(toParent, "toParent");
        Declarations.checkForeignKey(toTarget, "toTarget");
        Table<?> link = toParent.getTable();
        if (!toTarget.getTable().getName().equals(link.getName())) {
            throw new IllegalArgumentException("toTarget " + toTarget.getName() + " belongs to " + toTarget.getTable().getName()
                    + "; allowed: a foreign key of the link table " + link.getName() + ", like toParent");
        }
        Table<?> target = toTarget.getKey().getTable();
        if (target.getName().equals(link.getName())) {
            throw new IllegalArgumentException("toTarget " + toTarget.getName() + " references its own table; allowed: a foreign key "
                    + "from the link table to another table");
        }
        Through through = new Through(link, List.copyOf(toTarget.getFields()), List.copyOf(toTarget.getKeyFields()));
        return new Builder(target, Optional.of(through), List.copyOf(toParent.getFields()), List.copyOf(toParent.getKeyFields()));
    }

    /** The rows of {@code table} whose {@code link} column equals the parent's {@code parentKey} column. */
    public static Builder of(Table<?> table, Field<?> link, Field<?> parentKey) {
        return of(table, List.of(Objects.requireNonNull(link, "link")), List.of(Objects.requireNonNull(parentKey, "parentKey")));
    }

    /** The rows of {@code table} whose {@code link} columns equal the parent's {@code parentKey} columns, by position. */
    public static Builder of(Table<?> table, List<? extends Field<?>> link, List<? extends Field<?>> parentKey) {
        Objects.requireNonNull(table, "table");
        Declarations.checkLink(link, table, parentKey, null, "link", "parentKey");
        return new Builder(table, Optional.empty(), List.copyOf(link), List.copyOf(parentKey));
    }

    ChildSpec spec() {
        return spec;
    }

    /** Declares a {@link ToMany}; finish with {@link #map(Function)}. Not thread-safe. */
    public static final class Builder extends LevelBuilder<Builder> {
        private final List<Field<?>> link;
        private final List<Field<?>> parentKey;
        private OptionalInt limitPerParent = OptionalInt.empty();

        private Builder(Table<?> table, Optional<Through> through, List<Field<?>> link, List<Field<?>> parentKey) {
            super(new NodeDeclaration(table, through));
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
        public <T> ToMany<T> map(Function<? super FetchedRow, ? extends T> mapper) {
            return new ToMany<>(this, mapper);
        }
    }
}
