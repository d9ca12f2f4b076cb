package dev.fetchplan.internal.plan;

import dev.fetchplan.FetchStrategy;
import dev.fetchplan.internal.value.ExactJson;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.SortField;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * A plan resolved for SQL, once, when it is built: every node gets a {@link Source} with an alias of its own (so
 * a table may appear at several levels: users as roots and as comment authors, categories under categories),
 * every level a payload layout and a total order, and the plan's named parameters are collected. Strategies
 * build their SQL from it. Immutable and thread-safe.
 */
public final class Plan {

    /** Parameter names fetchplan uses for its own values (limits, parent keys); a plan's own may not start so. */
    public static final String RESERVED_PARAMETER_PREFIX = "fp_";

    private final List<Level> levels = new ArrayList<>();
    private final Map<String, Param<?>> parameters = new LinkedHashMap<>();
    private final Level root;
    private final String name;
    private int aliases;

    private Plan(NodeSpec root) {
        this.root = level(root, null, null, null, 0);
        this.name = name(this.root);
    }

    /** Resolves the plan whose root level is {@code root}. */
    public static Plan resolve(NodeSpec root) {
        return new Plan(root);
    }

    public Level root() {
        return root;
    }

    /**
     * The plan's tables as a tree of its to-many levels, such as {@code users(posts(comments))}: how errors and logs
     * name it.
     */
    public String name() {
        return name;
    }

    private static String name(Level level) {
        String table = level.node().source().tableName();
        if (level.children().isEmpty()) {
            return table;
        }
        StringJoiner children = new StringJoiner(", ", table + "(", ")");
        level.children().forEach(child -> children.add(name(child)));
        return children.toString();
    }

    /** Every level: the root first, then depth first in declaration order. */
    public List<Level> levels() {
        return Collections.unmodifiableList(levels);
    }

    /** The named parameters in the plan's conditions ({@code DSL.param(name, ...)}), by name. */
    public Map<String, Param<?>> parameters() {
        return Collections.unmodifiableMap(parameters);
    }

    /** The levels that came from {@code relation} (a relation may be included at several places). */
    public List<Level> levelsOf(Object relation) {
        return levels.stream().filter(level -> level.spec() != null && level.spec().relation() == relation).toList();
    }

    /** The most statements a fetch with {@code strategy} runs. */
    public int statements(FetchStrategy strategy) {
        return switch (strategy) {
            case MULTISET -> 1;
            case BATCHED, AUTO -> levels.size();
            case STACKED -> 1;
        };
    }

    private Level level(NodeSpec spec, ChildSpec relation, Level parentLevel, Node parentNode, int position) {
        Level level = new Level(levels.size(), relation, parentLevel, parentNode, position);
        levels.add(level);
        Source source = new Source("t" + ++aliases, spec.table(), spec.through(), spec.filter());
        collectParameters(spec.filter());
        Node node = node(level, spec, source, null, null, false);
        level.root(node);
        source.addAll(spec.key());
        spec.order().forEach(sort -> source.add(sort.$field()));
        if (relation != null) {
            source.addAll(relation.link());
        }
        layOut(level);
        order(level, spec, source);
        for (Node each : level.nodes) {
            for (ChildSpec child : each.spec().children()) {
                Level nested = level(child.node(), child, level, each, level.children.size());
                level.children.add(nested);
                each.children.add(nested);
            }
        }
        return level;
    }

    /** Creates {@code spec}'s node and, depth first, the nodes joined to it, registering the columns each needs. */
    private Node node(Level level, NodeSpec spec, Source source, Node parent, JoinSpec join, boolean optional) {
        Node node = new Node(spec, source, parent, join, optional);
        level.nodes.add(node);
        source.addAll(spec.columns());
        spec.children().forEach(child -> source.addAll(child.parentKey()));
        spec.counts().forEach(count -> source.addAll(count.parentKey()));
        for (JoinSpec joinSpec : spec.joins()) {
            source.addAll(joinSpec.link());
            Source target = new Source("j" + ++aliases, joinSpec.node().table(), Optional.empty(), DSL.noCondition());
            target.addAll(joinSpec.targetKey());
            node.joins.add(node(level, joinSpec.node(), target, node, joinSpec, optional || joinSpec.optional()));
        }
        return node;
    }

    /**
     * The payload: per node, depth first, its selected columns, an optional joined row's presence ({@code key IS
     * NOT NULL}), its counts.
     */
    private void layOut(Level level) {
        for (Node node : level.nodes) {
            int offset = level.payload.size();
            level.payload.addAll(node.source().columns(node.spec().columns()));
            int presence = -1;
            if (node.joinSpec() != null && node.optional()) {
                // Tested in SQL, before any converter: a converter may turn NULL into a non-null value.
                presence = level.payload.size();
                level.payload.add(ExactJson.isPresent(node.source().column(node.joinSpec().targetKey().get(0))));
            }
            node.layOut(new ColumnIndex(node.spec().columns(), offset, node.where()), presence);
            for (CountSpec count : node.spec().counts()) {
                node.countAt(count.relation(), level.payload.size());
                level.payload.add(count(count, node));
            }
        }
    }

    /** {@code (SELECT count(*) FROM (SELECT link FROM table WHERE filter) c WHERE c.link = parentKey)}. */
    private Field<Long> count(CountSpec count, Node node) {
        collectParameters(count.filter());
        Source counted = new Source("c" + ++aliases, count.table(), Optional.empty(), count.filter());
        counted.addAll(count.link());
        Condition matches = Source.matching(counted.columns(count.link()), node.source().columns(count.parentKey()));
        return DSL.field(DSL.select(DSL.count()).from(counted.derived()).where(matches)).coerce(SQLDataType.BIGINT);
    }

    /** The declared order, then every key column it does not name, ascending: a total order within a parent. */
    private static void order(Level level, NodeSpec spec, Source source) {
        List<ColumnKey> ordered = new ArrayList<>();
        for (SortField<?> sort : spec.order()) {
            level.order.add(sort.$field(source.column(sort.$field())));
            ordered.add(ColumnKey.of(sort.$field()));
        }
        for (Field<?> key : spec.key()) {
            if (!ordered.contains(ColumnKey.of(key))) {
                level.order.add(source.column(key).asc());
            }
        }
    }

    private void collectParameters(Condition condition) {
        // Every occurrence, by rendering the condition once: jOOQ's extractParams keeps one Param per name.
        List<Param<?>> occurrences = new ArrayList<>();
        Visits.of(condition, context -> {
            if (context.queryPart() instanceof Param<?> parameter) {
                occurrences.add(parameter);
            }
        });
        for (Param<?> parameter : occurrences) {
            String name = parameter.getParamName();
            if (name == null || parameter.isInline()) {
                continue;
            }
            if (name.startsWith(RESERVED_PARAMETER_PREFIX)) {
                throw new IllegalArgumentException("parameter " + name + " starts with " + RESERVED_PARAMETER_PREFIX
                        + ", which fetchplan reserves for its own values; allowed: any other name");
            }
            Param<?> known = parameters.putIfAbsent(name, parameter);
            if (known != null && !known.getDataType().getTypeName().equals(parameter.getDataType().getTypeName())) {
                throw new IllegalArgumentException("parameter " + name + " is declared as " + known.getDataType().getTypeName()
                        + " and as " + parameter.getDataType().getTypeName() + "; allowed: one type per name");
            }
            if (known != null && !Objects.deepEquals(known.getValue(), parameter.getValue())) {
                throw new IllegalArgumentException("parameter " + name + " is declared with the values " + known.getValue() + " and "
                        + parameter.getValue() + "; allowed: one value per name (bind a value per fetch with FetchPlan.bind)");
            }
        }
    }

}
