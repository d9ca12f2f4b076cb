package dev.fetchplan.internal.plan;

import dev.fetchplan.FetchedRow;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jooq.Field;

/**
 * A node of a resolved level: the level's own rows, or a row joined to them by a to-one relation (possibly
 * joined to another join). It knows where its selected columns, its counts and its joined rows' presence are in
 * the level's rows, and which levels hang below it. Immutable once resolved; thread-safe.
 */
public final class Node {

    private final NodeSpec spec;
    private final Source source;
    private final Node parent;
    private final JoinSpec join;
    private final boolean optional;
    final List<Node> joins = new ArrayList<>();
    final List<Level> children = new ArrayList<>();
    private final Map<Object, Integer> counts = new IdentityHashMap<>();
    private ColumnIndex columns;
    private int presence = -1;

    Node(NodeSpec spec, Source source, Node parent, JoinSpec join, boolean optional) {
        this.spec = spec;
        this.source = source;
        this.parent = parent;
        this.join = join;
        this.optional = optional;
    }

    public NodeSpec spec() {
        return spec;
    }

    public Source source() {
        return source;
    }

    /** For a joined node: the node whose link columns it is joined on; null for a level's own rows. */
    public Node parent() {
        return parent;
    }

    /** The to-one relation that joined this node, or null for a level's own rows. */
    public JoinSpec joinSpec() {
        return join;
    }

    /** Whether this joined row may be absent (its relation, or one it is joined through, is optional). */
    public boolean optional() {
        return optional;
    }

    public List<Node> joins() {
        return joins;
    }

    public Function<? super FetchedRow, ?> mapper() {
        return spec.mapper();
    }

    void layOut(ColumnIndex columns, int presence) {
        this.columns = columns;
        this.presence = presence;
    }

    void countAt(Object relation, int index) {
        counts.put(relation, index);
    }

    /** The index of a selected column in the level's rows. */
    public int indexOf(Field<?> column) {
        return columns.indexOf(column);
    }

    /**
     * Whether the joined row this node stands for is there, in a row of the level's values: always for a required
     * join, else as the level's presence column says.
     */
    public boolean isPresentIn(Object[] values) {
        return presence < 0 || Boolean.TRUE.equals(values[presence]);
    }

    public int countIndex(Object relation) {
        Integer index = counts.get(relation);
        if (index == null) {
            throw new IllegalArgumentException("count is not declared " + where() + "; declare it with count(...) there");
        }
        return index;
    }

    public Node join(Object relation) {
        for (Node node : joins) {
            if (node.join.relation() == relation) {
                return node;
            }
        }
        throw new IllegalArgumentException("relation is not joined " + where() + "; join it with join(...) there");
    }

    public Level child(Object relation) {
        for (Level level : children) {
            if (level.spec().relation() == relation) {
                return level;
            }
        }
        throw new IllegalArgumentException("relation is not included " + where() + "; include it with include(...) there");
    }

    /** "at the posts level", "in the join of users": for messages. */
    String where() {
        return join == null ? "at the " + spec.table().getName() + " level" : "in the join of " + spec.table().getName();
    }
}
