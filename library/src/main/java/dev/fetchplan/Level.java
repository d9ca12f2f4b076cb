package dev.fetchplan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
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
import org.jooq.impl.SQLDataType;

/**
 * A plan level resolved for execution: every nested table gets its own alias (so a table may appear at
 * several levels, e.g. users as roots and as comment authors), the ToOne joins are attached, and the order
 * ends with the key. The payload — the level's columns, each join's columns, then the counts — comes first in every
 * row both strategies read; what follows it differs per strategy.
 */
final class Level {

    final LevelSpec spec;
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
    private final Table<?> source;
    private final Map<String, Integer> columnIndex = new HashMap<>();
    private final Map<Count, Integer> countIndex = new IdentityHashMap<>();
    private final Map<Field<?>, Integer> resolved = new IdentityHashMap<>();

    private Level(LevelSpec spec, Table<?> source, Condition where, OptionalInt limit, ToMany<?> relation, Field<?> parentKey,
                  AtomicInteger aliases) {
        this.spec = spec;
        this.relation = relation;
        this.parentKey = parentKey;
        this.alias = source.getName();
        this.source = source;
        this.where = where;
        this.limit = limit;
        List<Field<?>> fields = new ArrayList<>();
        for (Field<?> column : spec.columns()) {
            columnIndex.put(column.getName(), fields.size());
            fields.add(column(source, column));
        }
        List<Join> resolvedJoins = new ArrayList<>();
        for (ToOne<?> toOne : spec.joins()) {
            String joinAlias = "j" + aliases.incrementAndGet();
            List<Field<?>> targetColumns = new ArrayList<>(toOne.columns());
            if (toOne.columns().stream().noneMatch(column -> column.getName().equals(toOne.targetKey().getName()))) {
                targetColumns.add(toOne.targetKey());
            }
            Map<String, Integer> joinColumns = new HashMap<>();
            int offset = fields.size();
            for (Field<?> column : targetColumns) {
                joinColumns.put(column.getName(), fields.size() - offset);
                fields.add(column(DSL.table(DSL.name(joinAlias)), column));
            }
            int keyIndex = offset + joinColumns.get(toOne.targetKey().getName());
            resolvedJoins.add(new Join(toOne, joinAlias, List.copyOf(targetColumns), offset, joinColumns, keyIndex, new IdentityHashMap<>()));
        }
        for (Count count : spec.counts()) {
            Table<?> counted = count.table().as("c" + aliases.incrementAndGet());
            @SuppressWarnings("unchecked")
            Condition counts = ((Field<Object>) column(counted, count.link())).eq((Field<Object>) column(source, count.parentKey()));
            countIndex.put(count, fields.size());
            fields.add(DSL.field(DSL.select(DSL.count()).from(counted).where(counts)).coerce(SQLDataType.BIGINT));
        }
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

    /**
     * The level's table with its ToOne joins. A plain join lets the planner pick a hash join, right for a
     * level read once (BATCHED, the root). A level read once per parent row (MULTISET's nested levels) gets
     * {@code LATERAL (... LIMIT 1)} joins instead: one index lookup per row, where a hash join would hash
     * the whole target table again for every parent (measured: 25 ms instead of 2 ms for 20 users).
     */
    Table<?> from(boolean lookupPerRow) {
        Table<?> joined = source;
        for (Join join : joins) {
            ToOne<?> toOne = join.relation();
            boolean optional = toOne.optional();
            if (lookupPerRow) {
                Table<?> target = toOne.table().as(join.alias() + "_row");
                @SuppressWarnings("unchecked")
                Condition matches = ((Field<Object>) column(target, toOne.targetKey())).eq((Field<Object>) column(source, toOne.link()));
                Table<?> lookup = DSL.lateral(DSL.select(join.targetColumns().stream().map(column -> column(target, column)).toList())
                        .from(target).where(matches).limit(DSL.inline(1))).as(join.alias());
                joined = optional ? joined.leftJoin(lookup).on(DSL.trueCondition()) : joined.crossJoin(lookup);
            } else {
                Table<?> target = toOne.table().as(join.alias());
                @SuppressWarnings("unchecked")
                Condition matches = ((Field<Object>) column(target, toOne.targetKey())).eq((Field<Object>) column(source, toOne.link()));
                joined = joined.join(target, optional ? JoinType.LEFT_OUTER_JOIN : JoinType.JOIN).on(matches);
            }
        }
        return joined;
    }

    /**
     * The position of a selected column of this level in the payload. Mappers call this for every column of
     * every row, so each field is checked once per fetch and then found by identity (a Level belongs to one
     * fetch on one thread).
     */
    int indexOf(Field<?> column) {
        Integer known = resolved.get(column);
        if (known != null) {
            return known;
        }
        Integer index = columnIndex.get(column.getName());
        if (index == null) {
            throw new IllegalArgumentException("column " + column.getName() + " is not selected at the " + spec.table().getName()
                    + " level; selected: " + Columns.names(spec.columns()));
        }
        Columns.checkBelongs(column, spec.table(), "column");
        resolved.put(column, index);
        return index;
    }

    int indexOf(Count count) {
        Integer index = countIndex.get(count);
        if (index == null) {
            throw new IllegalArgumentException("count is not declared at the " + spec.table().getName()
                    + " level; declare it with count(...) on that level");
        }
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

    /** A resolved ToOne: its alias, the target columns it reads, where they start in the payload and where its key is. */
    record Join(ToOne<?> relation, String alias, List<Field<?>> targetColumns, int offset, Map<String, Integer> columnIndex, int keyIndex,
                Map<Field<?>, Integer> resolved) {
        int indexOf(Field<?> column) {
            Integer known = resolved.get(column);
            if (known != null) {
                return known;
            }
            Integer index = columnIndex.get(column.getName());
            if (index == null) {
                throw new IllegalArgumentException("column " + column.getName() + " is not selected by the join of "
                        + relation.table().getName() + "; selected: " + Columns.names(relation.columns()));
            }
            Columns.checkBelongs(column, relation.table(), "column");
            resolved.put(column, offset + index);
            return offset + index;
        }
    }
}
