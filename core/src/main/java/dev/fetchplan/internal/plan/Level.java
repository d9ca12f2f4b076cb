package dev.fetchplan.internal.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.JoinType;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * A to-many level of a resolved plan (the root, or one nested under any node of the level above): its nodes,
 * the payload every strategy reads first in each row (each node's selected columns, a joined row's presence
 * column, the counts), its total order (the declared order, then the key), and how it links to its parent.
 * Immutable once resolved; thread-safe.
 */
public final class Level {

    private final int index;
    private final ChildSpec spec;
    private final Level parentLevel;
    private final Node parentNode;
    private final int position;
    final List<Node> nodes = new ArrayList<>();
    final List<Field<?>> payload = new ArrayList<>();
    final List<SortField<?>> order = new ArrayList<>();
    final List<Level> children = new ArrayList<>();
    private Node node;

    Level(int index, ChildSpec spec, Level parentLevel, Node parentNode, int position) {
        this.index = index;
        this.spec = spec;
        this.parentLevel = parentLevel;
        this.parentNode = parentNode;
        this.position = position;
    }

    void root(Node node) {
        this.node = node;
    }

    /** The level's number in the plan: 0 for the root, then in declaration order. */
    public int index() {
        return index;
    }

    /** The relation this level came from; null for the root. */
    public ChildSpec spec() {
        return spec;
    }

    /** The level above, whose rows (of {@link #parentNode()}) this level's rows belong to; null for the root. */
    public Level parentLevel() {
        return parentLevel;
    }

    /** The node of the level above whose rows this level's rows belong to; null for the root. */
    public Node parentNode() {
        return parentNode;
    }

    /** This level's place among its parent level's children. */
    public int position() {
        return position;
    }

    /** The level's own rows (the first of {@link #nodes()}). */
    public Node node() {
        return node;
    }

    /** The level's own node, then its joined nodes, depth first. */
    public List<Node> nodes() {
        return nodes;
    }

    public List<Field<?>> payload() {
        return payload;
    }

    public List<SortField<?>> order() {
        return order;
    }

    /** Every level nested directly under one of this level's nodes, in declaration order. */
    public List<Level> children() {
        return children;
    }

    /** The declared per-parent limit; a fetch may override it. */
    public OptionalInt defaultLimit() {
        return spec == null ? OptionalInt.empty() : spec.limitPerParent();
    }

    /** This level's link columns (as seen from outside its source). */
    public List<Field<?>> link() {
        return node.source().columns(spec.link());
    }

    /** The parent node's columns the link refers to (as seen from outside the parent's sources). */
    public List<Field<?>> parentKey() {
        return parentNode.source().columns(spec.parentKey());
    }

    /** {@code link = parentKey}, column by column. */
    public Condition linkMatches(List<Field<?>> parentKey) {
        return Source.matching(link(), parentKey);
    }

    /** The level's derived table with its joined nodes. */
    public Table<?> from(boolean lookups) {
        return joined(node.source().derived(), lookups);
    }

    /**
     * {@code start} (which contains this level's source) followed by the level's to-one joins, depth first. A
     * plain join lets the planner pick a hash join, right for a level read once. A level read once per parent
     * row (MULTISET's nested levels, a top-N LATERAL) gets {@code LATERAL (... LIMIT 1)} lookups instead: one
     * index lookup per row, where a hash join would hash the whole target table again for every parent.
     */
    public Table<?> joined(Table<?> start, boolean lookups) {
        Table<?> joined = start;
        for (int i = 1; i < nodes.size(); i++) {
            Node target = nodes.get(i);
            JoinSpec join = target.joinSpec();
            List<Field<?>> link = target.parent().source().columns(join.link());
            // A target not known to be unique is always looked up, one row per link, the same row in every strategy.
            if (lookups || !join.declaredUnique()) {
                Table<?> lookup = target.source().lookup(join.targetKey(), link, !join.declaredUnique());
                joined = target.optional() ? joined.leftJoin(lookup).on(DSL.trueCondition()) : joined.crossJoin(lookup);
            } else {
                Condition matches = Source.matching(target.source().columns(join.targetKey()), link);
                joined = joined.join(target.source().derived(), target.optional() ? JoinType.LEFT_OUTER_JOIN : JoinType.JOIN).on(matches);
            }
        }
        return joined;
    }
}
