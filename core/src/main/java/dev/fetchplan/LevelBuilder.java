package dev.fetchplan;

import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.SortField;

/**
 * What a level declares beyond any node — the root of a {@link FetchPlan} or a {@link ToMany} level: which rows it
 * keeps, their order and the key that ends it. Not thread-safe.
 */
public abstract sealed class LevelBuilder<B extends LevelBuilder<B>> extends NodeBuilder<B> permits FetchPlan.Builder, ToMany.Builder {

    LevelBuilder(NodeDeclaration node) {
        super(node);
    }

    /**
     * The columns that identify a row (within its parent, for a nested level); they end the order as its
     * tiebreak. Default: the table's primary key (and the link table's, for a many-to-many).
     */
    public B key(Field<?>... columns) {
        node.key(columns);
        return self();
    }

    /**
     * Which rows to keep (conditions are AND-ed), written with the level's own columns, applied before the order
     * and any limit. Values are bound as parameters; named ones ({@code DSL.param("after", 0L)}) can be bound per
     * fetch with {@link FetchPlan#bind}.
     */
    public B where(Condition... conditions) {
        node.where(conditions);
        return self();
    }

    /** The order of the rows (of each parent's children, for a nested level); the key is appended as tiebreak. */
    public B orderBy(SortField<?>... order) {
        node.orderBy(order);
        return self();
    }
}
