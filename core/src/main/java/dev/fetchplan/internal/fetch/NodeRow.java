package dev.fetchplan.internal.fetch;

import dev.fetchplan.Count;
import dev.fetchplan.FetchedRow;
import dev.fetchplan.ToMany;
import dev.fetchplan.ToOne;
import dev.fetchplan.internal.plan.Level;
import dev.fetchplan.internal.plan.Node;
import java.util.List;
import org.jooq.Field;

/**
 * A row of a level as one node's mapper sees it: the node's selected columns and counts from the row's values,
 * its joined rows (mapped on demand, from the same values), its children from the strategy, which knows whether
 * they were nested in the row (MULTISET) or fetched separately and grouped (BATCHED).
 */
final class NodeRow implements FetchedRow {

    /** Where a strategy finds the children of a row. */
    @FunctionalInterface
    interface Children {
        List<?> of(Level child, Object[] values);
    }

    private final Node node;
    private final Object[] values;
    private final Children children;

    private NodeRow(Node node, Object[] values, Children children) {
        this.node = node;
        this.values = values;
        this.children = children;
    }

    /** The level's own mapper applied to one of its rows. */
    static Object map(Level level, Object[] values, Children children) {
        return level.node().mapper().apply(new NodeRow(level.node(), values, children));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> V get(Field<V> column) {
        return (V) values[node.indexOf(column)];
    }

    @Override
    @SuppressWarnings("unchecked")
    public <C> List<C> get(ToMany<C> relation) {
        return (List<C>) children.of(node.child(relation), values);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <C> C get(ToOne<C> relation) {
        Node joined = node.join(relation);
        if (!joined.isPresentIn(values)) {
            return null;
        }
        return (C) joined.mapper().apply(new NodeRow(joined, values, children));
    }

    @Override
    public long get(Count count) {
        return ((Number) values[node.countIndex(count)]).longValue();
    }
}
