package dev.fetchplan.internal.fetch;

import dev.fetchplan.internal.plan.Bindings;
import dev.fetchplan.internal.plan.Level;
import dev.fetchplan.internal.plan.Plan;
import dev.fetchplan.internal.sql.CompiledQuery;
import dev.fetchplan.internal.sql.QueryCache;
import dev.fetchplan.internal.value.ResultSetRows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import org.jooq.CommonTableExpression;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.SelectField;
import org.jooq.SelectSelectStep;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The STACKED strategy: the whole plan in one statement, without JSON. Each level is a materialized CTE, computed
 * once from the level above (joined to its rows, or a {@code LATERAL} top-N per parent row), that numbers its rows
 * in order ({@code rn}) and names each row's parent by the parent's number ({@code prn}): the database matches
 * children to parents. The rows of all levels come back stacked by {@code UNION ALL} — the level, the two numbers,
 * then each level's own columns, NULL in the others' — and are read straight from the ResultSet with typed getters,
 * only the row's own level's columns. One statement is one snapshot: no transaction is needed. Thread-safe.
 */
final class StackedFetch {

    private final Plan plan;
    /** What each column of the stacked rows holds: the level, the two numbers, then every level's payload. */
    private final List<Field<?>> reading = new ArrayList<>();
    private final int[] from;
    private final int[] to;

    StackedFetch(Plan plan) {
        this.plan = plan;
        int levels = plan.levels().size();
        this.from = new int[levels];
        this.to = new int[levels];
        reading.add(DSL.field(DSL.name("lvl"), SQLDataType.INTEGER));
        reading.add(DSL.field(DSL.name("rn"), SQLDataType.BIGINT));
        reading.add(DSL.field(DSL.name("prn"), SQLDataType.BIGINT));
        for (Level level : plan.levels()) {
            from[level.index()] = reading.size();
            for (int i = 0; i < level.payload().size(); i++) {
                reading.add(DSL.field(DSL.name("s" + level.index() + "_v" + i), level.payload().get(i).getDataType()));
            }
            to[level.index()] = reading.size();
        }
    }

    /** Compiles the statement for {@code bindings}' shape, without running it. */
    void compile(QueryCache.Queries queries, Bindings bindings) {
        compiled(queries, bindings);
    }

    private CompiledQuery compiled(QueryCache.Queries queries, Bindings bindings) {
        BitSet limited = bindings.limitedLevels();
        return queries.get(List.of("stacked", limited), () -> query(limited), reading);
    }

    List<Object> fetch(DSLContext dsl, QueryCache.Queries queries, Bindings bindings) {
        CompiledQuery compiled = compiled(queries, bindings);
        List<List<Object[]>> byLevel = new ArrayList<>();
        plan.levels().forEach(level -> byLevel.add(new ArrayList<>()));
        ResultSetRows.fetchStacked(dsl, compiled.bind(dsl, Limits.values(plan, bindings)), reading, from, to, byLevel);
        return assemble(byLevel);
    }

    /**
     * Maps the levels bottom-up (a level's children have larger level numbers). A level's rows are numbered 1 to n
     * in its order, so each row's number is its place; each child is appended to its parent's list in that order.
     */
    @SuppressWarnings("unchecked")
    private List<Object> assemble(List<List<Object[]>> byLevel) {
        int levels = plan.levels().size();
        Object[][][] placed = new Object[levels][][];
        List<Object>[][] children = new List[levels][];
        for (Level level : plan.levels()) {
            placed[level.index()] = inOrder(byLevel.get(level.index()), level.payload().size());
            if (level.spec() != null) {
                children[level.index()] = new List[placed[level.parentLevel().index()].length];
            }
        }
        List<Object> mapped = List.of();
        for (int index = levels - 1; index >= 0; index--) {
            Level level = plan.levels().get(index);
            Object[][] rows = placed[index];
            int number = level.payload().size();
            NodeRow.Children childrenOf = (child, values) -> {
                List<Object> list = children[child.index()][((Long) values[number]).intValue() - 1];
                return list == null ? List.of() : Collections.unmodifiableList(list);
            };
            Object[] levelRows = new Object[rows.length];
            for (int r = 0; r < rows.length; r++) {
                levelRows[r] = NodeRow.map(level, rows[r], childrenOf);
            }
            if (level.spec() == null) {
                mapped = Arrays.asList(levelRows);
            } else {
                List<Object>[] siblings = children[index];
                for (int r = 0; r < rows.length; r++) {
                    int parent = ((Long) rows[r][number + 1]).intValue() - 1;
                    if (siblings[parent] == null) {
                        siblings[parent] = new ArrayList<>();
                    }
                    siblings[parent].add(levelRows[r]);
                }
            }
        }
        return Collections.unmodifiableList(mapped);
    }

    /** A level's rows placed by their numbers (the column after the payload), checking that they are 1 to n. */
    private static Object[][] inOrder(List<Object[]> rows, int number) {
        Object[][] placed = new Object[rows.size()][];
        for (Object[] row : rows) {
            long at = (Long) row[number] - 1;
            if (at < 0 || at >= placed.length || placed[(int) at] != null) {
                throw new IllegalStateException("row number " + (at + 1) + " is out of 1.." + placed.length + " or repeated");
            }
            placed[(int) at] = row;
        }
        return placed;
    }

    /** {@code WITH s0 AS MATERIALIZED (...), s1 AS MATERIALIZED (...), ... SELECT 0, rn, prn, ... FROM s0 UNION ALL ...}. */
    @SuppressWarnings("unchecked")
    private Select<?> query(BitSet limited) {
        List<CommonTableExpression<?>> ctes = new ArrayList<>();
        for (Level level : plan.levels()) {
            Select<?> rows = level.spec() == null ? root(level) : limited.get(level.index()) ? topPerParent(level) : all(level);
            ctes.add(DSL.name("s" + level.index()).asMaterialized((Select<Record>) rows));
        }
        // A union's column types are settled branch by branch, and a bare NULL is of unknown type: a first branch
        // that returns no rows gives every column its level's own type, so later NULLs (and domains) follow it.
        List<Table<?>> all = new ArrayList<>();
        List<SelectField<?>> typed = new ArrayList<>();
        typed.add(DSL.inline(-1).as("lvl"));
        typed.add(DSL.field(DSL.name("s0", "rn"), SQLDataType.BIGINT).as("rn"));
        typed.add(DSL.field(DSL.name("s0", "rn"), SQLDataType.BIGINT).as("prn"));
        for (Level level : plan.levels()) {
            all.add(DSL.table(DSL.name("s" + level.index())));
            typed.addAll(slots(level, level));
        }
        Select<Record> stacked = DSL.select(typed).from(all).where(DSL.falseCondition());
        for (Level level : plan.levels()) {
            String cte = "s" + level.index();
            List<SelectField<?>> select = new ArrayList<>();
            select.add(DSL.inline(level.index()).as("lvl"));
            select.add(DSL.field(DSL.name(cte, "rn"), SQLDataType.BIGINT).as("rn"));
            select.add(level.spec() == null ? DSL.inline((Object) null).as("prn") : DSL.field(DSL.name(cte, "prn"), SQLDataType.BIGINT).as("prn"));
            for (Level other : plan.levels()) {
                select.addAll(slots(other, level));
            }
            stacked = stacked.unionAll(DSL.select(select).from(DSL.table(DSL.name(cte))));
        }
        return DSL.with(ctes).selectFrom(stacked.asTable("stacked"));
    }

    /** {@code level}'s payload columns in a branch of the stacked rows: its CTE's values in its own branch, else NULL. */
    private List<SelectField<?>> slots(Level level, Level branch) {
        List<SelectField<?>> slots = new ArrayList<>();
        for (int i = 0; i < level.payload().size(); i++) {
            Field<?> slot = reading.get(from[level.index()] + i);
            slots.add(level == branch ? DSL.field(DSL.name("s" + level.index(), "v" + i), slot.getDataType()).as(slot.getName())
                    : DSL.inline((Object) null).as(slot.getName()));
        }
        return slots;
    }

    /**
     * The root: its first rows in order ({@code SELECT ... ORDER BY order LIMIT ?}, so the database may keep just
     * the top rows), numbered in that order outside.
     */
    private static Select<?> root(Level root) {
        PositionalSelect columns = new PositionalSelect(carried(root), root.order());
        Table<?> first = DSL.select(columns.aliased()).from(root.from(false))
                .orderBy(root.order()).limit(Limits.parameter(root)).asTable("r0");
        return numbered(root, columns.carriedIn(first), null, columns.orderIn(first, root.order())).from(first);
    }

    /** Every child of every parent row: the parent level's CTE joined to this level. */
    private static Select<?> all(Level level) {
        Table<?> parent = parent(level);
        Table<?> joined = parent.join(level.node().source().derived()).on(level.linkMatches(parentKeys(level, parent)));
        return numbered(level, carried(level), parentNumber(parent), level.order()).from(level.joined(joined, false));
    }

    /** The first N children of each parent row: a {@code LATERAL} top-N per row of the parent level's CTE. */
    private static Select<?> topPerParent(Level level) {
        Table<?> parent = parent(level);
        PositionalSelect columns = new PositionalSelect(carried(level), level.order());
        Table<?> lateral = DSL.lateral(DSL.select(columns.aliased()).from(level.from(true))
                        .where(level.linkMatches(parentKeys(level, parent)))
                        .orderBy(level.order())
                        .limit(Limits.parameter(level)))
                .as("l" + level.index());
        return numbered(level, columns.carriedIn(lateral), parentNumber(parent), columns.orderIn(lateral, level.order()))
                .from(parent).crossJoin(lateral);
    }

    /**
     * A level's CTE select list: {@code carried} (as {@link #carried}) named {@code v0, v1, ...} then {@code k<child
     * level>_<column>}, the parent row's number {@code prn} (unless the root), and the row's own number {@code rn}
     * in the parents' order, then the level's.
     */
    private static SelectSelectStep<Record> numbered(Level level, List<Field<?>> carried, Field<Long> parentNumber,
                                                     List<SortField<?>> order) {
        List<SelectField<?>> select = new ArrayList<>();
        int payload = level.payload().size();
        for (int i = 0; i < payload; i++) {
            select.add(carried.get(i).as("v" + i));
        }
        int next = payload;
        for (Level child : level.children()) {
            for (int i = 0; i < child.parentKey().size(); i++) {
                select.add(carried.get(next++).as("k" + child.index() + "_" + i));
            }
        }
        List<SortField<?>> numbering = new ArrayList<>();
        if (parentNumber != null) {
            select.add(parentNumber.as("prn"));
            numbering.add(parentNumber.asc());
        }
        numbering.addAll(order);
        select.add(DSL.rowNumber().over(DSL.orderBy(numbering)).as("rn"));
        return DSL.select(select);
    }

    /** The level's payload, then the parent key columns its child levels link to. */
    private static List<Field<?>> carried(Level level) {
        List<Field<?>> carried = new ArrayList<>(level.payload());
        for (Level child : level.children()) {
            carried.addAll(child.parentKey());
        }
        return carried;
    }

    private static Field<Long> parentNumber(Table<?> parent) {
        return DSL.field(DSL.name(parent.getName(), "rn"), SQLDataType.BIGINT);
    }

    /** The parent level's CTE, under an alias of this level's. */
    private static Table<?> parent(Level level) {
        return DSL.table(DSL.name("s" + level.parentLevel().index())).as("p" + level.index());
    }

    /** This level's parent key columns as the parent level's CTE carries them ({@code k<level>_<column>}). */
    private static List<Field<?>> parentKeys(Level level, Table<?> parent) {
        List<Field<?>> parentKey = level.spec().parentKey();
        List<Field<?>> keys = new ArrayList<>(parentKey.size());
        for (int i = 0; i < parentKey.size(); i++) {
            keys.add(DSL.field(DSL.name(parent.getName(), "k" + level.index() + "_" + i), parentKey.get(i).getDataType()));
        }
        return keys;
    }
}
