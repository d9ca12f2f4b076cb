package dev.fetchplan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.JoinType;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * A plan level resolved for execution: every nested table gets its own alias (so a table may appear at
 * several levels, e.g. users as roots and as comment authors), the ToOne joins are attached, and the order
 * ends with the key. The payload — the level's columns, then each join's columns — comes first in every
 * row both strategies read; what follows it differs per strategy.
 */
final class Level {

    final LevelSpec spec;
    final Table<?> from;
    final List<Field<?>> payload;
    final List<Join> joins;
    final List<SortField<?>> order;
    final Condition where;
    final OptionalInt limit;
    final List<Level> children;
    /** For a nested level: the relation it came from, its link column and the parent's key column. */
    final ToMany<?> relation;
    final Field<?> link;
    final Field<?> parentKey;
    final String alias;
    private final Map<String, Integer> columnIndex = new HashMap<>();

    private Level(LevelSpec spec, Table<?> source, Condition where, OptionalInt limit, ToMany<?> relation, Field<?> parentKey,
                  AtomicInteger aliases) {
        this.spec = spec;
        this.relation = relation;
        this.parentKey = parentKey;
        this.alias = source.getName();
        this.where = where;
        this.limit = limit;
        List<Field<?>> fields = new ArrayList<>();
        for (Field<?> column : spec.columns()) {
            columnIndex.put(column.getName(), fields.size());
            fields.add(column(source, column));
        }
        Table<?> joined = source;
        List<Join> resolvedJoins = new ArrayList<>();
        for (ToOne<?> toOne : spec.joins()) {
            Table<?> target = toOne.table().as("j" + aliases.incrementAndGet());
            Field<?> targetKey = column(target, toOne.targetKey());
            Map<String, Integer> joinColumns = new HashMap<>();
            int offset = fields.size();
            for (Field<?> column : toOne.columns()) {
                joinColumns.put(column.getName(), fields.size() - offset);
                fields.add(column(target, column));
            }
            Integer keyPosition = joinColumns.get(toOne.targetKey().getName());
            if (keyPosition == null) {
                keyPosition = fields.size() - offset;
                fields.add(targetKey);
            }
            @SuppressWarnings("unchecked")
            Condition on = ((Field<Object>) targetKey).eq((Field<Object>) column(source, toOne.link()));
            JoinType type = toOne.link().getDataType().nullable() ? JoinType.LEFT_OUTER_JOIN : JoinType.JOIN;
            joined = joined.join(target, type).on(on);
            resolvedJoins.add(new Join(toOne, offset, joinColumns, offset + keyPosition));
        }
        this.from = joined;
        this.payload = List.copyOf(fields);
        this.joins = List.copyOf(resolvedJoins);
        List<SortField<?>> sort = new ArrayList<>();
        boolean keyOrdered = false;
        for (SortField<?> field : spec.order()) {
            keyOrdered |= field.$field().getName().equals(spec.key().getName());
            sort.add(field.$field(column(source, field.$field())));
        }
        if (!keyOrdered) {
            sort.add(column(source, spec.key()).asc());
        }
        this.order = List.copyOf(sort);
        this.link = relation == null ? null : column(source, relation.link());
        List<Level> nested = new ArrayList<>();
        for (ToMany<?> child : spec.children()) {
            Table<?> childSource = child.spec().table().as("t" + aliases.incrementAndGet());
            nested.add(new Level(child.spec(), childSource, DSL.noCondition(), child.limitPerParent(), child,
                    column(source, child.parentKey()), aliases));
        }
        this.children = List.copyOf(nested);
    }

    /** Resolves a plan's root; the root table keeps its own name so that {@code where} can use generated columns. */
    static Level resolve(LevelSpec root, Condition where, int limit) {
        return new Level(root, root.table(), where, OptionalInt.of(limit), null, null, new AtomicInteger());
    }

    /** The position of a selected column of this level in the payload. */
    int indexOf(Field<?> column) {
        Integer index = columnIndex.get(column.getName());
        if (index == null) {
            throw new IllegalArgumentException("column " + column.getName() + " is not selected at the " + spec.table().getName()
                    + " level; selected: " + Columns.names(spec.columns()));
        }
        Columns.checkBelongs(column, spec.table(), "column");
        return index;
    }

    Level child(ToMany<?> relation) {
        for (Level child : children) {
            if (child.relation == relation) {
                return child;
            }
        }
        throw new IllegalArgumentException("relation is not included at the " + spec.table().getName()
                + " level; include it with include(...) on that level");
    }

    Join join(ToOne<?> relation) {
        for (Join join : joins) {
            if (join.relation() == relation) {
                return join;
            }
        }
        throw new IllegalArgumentException("relation is not joined at the " + spec.table().getName()
                + " level; join it with join(...) on that level");
    }

    /** {@code column} of {@code table}, qualified by the table's alias (or name) and typed as declared. */
    static <V> Field<V> column(Table<?> table, Field<V> column) {
        return DSL.field(table.getQualifiedName().append(column.getUnqualifiedName()), column.getDataType());
    }

    /** A resolved ToOne: where its columns start in the payload and where its key is. */
    record Join(ToOne<?> relation, int offset, Map<String, Integer> columnIndex, int keyIndex) {
        int indexOf(Field<?> column) {
            Integer index = columnIndex.get(column.getName());
            if (index == null) {
                throw new IllegalArgumentException("column " + column.getName() + " is not selected by the join of "
                        + relation.table().getName() + "; selected: " + Columns.names(relation.columns()));
            }
            Columns.checkBelongs(column, relation.table(), "column");
            return offset + index;
        }
    }
}
