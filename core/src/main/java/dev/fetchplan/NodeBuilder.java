package dev.fetchplan;

import java.util.Objects;
import org.jooq.Field;

/**
 * What every node of a plan declares — the root, a {@link ToMany} level, a {@link ToOne} row: the columns its
 * mapper reads and the relations below it. Each method checks its arguments when called and names the one that
 * is wrong. Not thread-safe: a builder belongs to the code declaring the plan.
 */
public abstract sealed class NodeBuilder<B extends NodeBuilder<B>> permits LevelBuilder, ToOne.Builder {

    final NodeDeclaration node;

    NodeBuilder(NodeDeclaration node) {
        this.node = Objects.requireNonNull(node, "node");
    }

    abstract B self();

    /** The columns the mapper reads with {@link FetchedRow#get(Field)}: of the node's table (or link table). */
    public B select(Field<?>... columns) {
        node.select(columns);
        return self();
    }

    /** To-many levels below this node: each row gets its children as a list, {@link FetchedRow#get(ToMany)}. */
    public B include(ToMany<?>... relations) {
        node.include(relations);
        return self();
    }

    /** To-one relations joined in this node's statement: each row gets the referenced row, {@link FetchedRow#get(ToOne)}. */
    public B join(ToOne<?>... relations) {
        node.join(relations);
        return self();
    }

    /** Child-row counts computed in this node's statement, read with {@link FetchedRow#get(Count)}. */
    public B count(Count... counts) {
        node.count(counts);
        return self();
    }
}
