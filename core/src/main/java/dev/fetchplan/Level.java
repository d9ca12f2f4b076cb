package dev.fetchplan;

import java.util.ArrayList;
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
    private final ColumnLookup columns;
    private final Map<Count, Integer> countIndex = new IdentityHashMap<>();

    private Level(LevelSpec spec, Table<?> source, Condition where, OptionalInt limit, ToMany<?> relation, Field<?> parentKey,
                  AtomicInteger aliases) {
        this.spec = spec;
        this.relation = relation;
        this.parentKey = parentKey;
        this.alias = source.getName();
        this.source = source;
        this.where = where;
        this.limit = limit;
        this.columns = new ColumnLookup(spec.table(), spec.columns(), "at the " + spec.table().getName() + " level", 0);
        List<Field<?>> fields = new ArrayList<>();
        for (Field<?> column : spec.columns()) {
            fields.add(column(source, column));
        }
        List<Join> resolvedJoins = new ArrayList<>();
        for (ToOne<?> toOne : spec.joins()) {
            String joinAlias = "j" + aliases.incrementAndGet();
            List<Field<?>> targetColumns = new ArrayList<>(toOne.columns());
            if (toOne.columns().stream().noneMatch(column -> column.getName().equals(toOne.targetKey().getName()))) {
                targetColumns.add(toOne.targetKey());
            }
            int offset = fields.size();
            for (Field<?> column : targetColumns) {
                fields.add(column(DSL.table(DSL.name(joinAlias)), column));
            }
            ColumnLookup joinColumns = new ColumnLookup(toOne.table(), List.copyOf(targetColumns),
                    "by the join of " + toOne.table().getName(), offset);
            int keyIndex = offset + joinColumns.position(toOne.targetKey().getName());
            resolvedJoins.add(new Join(toOne, joinAlias, List.copyOf(targetColumns), joinColumns, keyIndex));
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

    /** The position of a selected column of this level in the payload. */
    int indexOf(Field<?> column) {
        return columns.indexOf(column);
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

    /** A resolved ToOne: its alias, the target columns it reads, where they are in the payload and where its key is. */
    record Join(ToOne<?> relation, String alias, List<Field<?>> targetColumns, ColumnLookup columns, int keyIndex) {
        int indexOf(Field<?> column) {
            return columns.indexOf(column);
        }
    }
}
