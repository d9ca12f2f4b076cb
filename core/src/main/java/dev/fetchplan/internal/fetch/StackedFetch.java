package dev.fetchplan.internal.fetch;

import dev.fetchplan.internal.plan.Bindings;
import dev.fetchplan.internal.plan.Level;
import dev.fetchplan.internal.plan.Plan;
import dev.fetchplan.internal.plan.Through;
import dev.fetchplan.internal.sql.CompiledQuery;
import dev.fetchplan.internal.sql.QueryCache;
import dev.fetchplan.internal.value.ResultSetRows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
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
 * The STACKED strategy: the whole plan in one statement, without JSON. Each level is a CTE computed from the
 * level above (materialized, computed once, when levels below read it too), numbering its rows in its order
 * ({@code rn}). The rows of all levels come back stacked
 * by {@code UNION ALL} — the level, its number, then each level's own columns, NULL in the others' — and are read
 * straight from the ResultSet with typed getters, only the row's own level's columns, then put in order by number.
 * <p>
 * A level whose parent key is a single integer or uuid column (Java's equality is then PostgreSQL's, as in
 * BATCHED) is found with {@code link = ANY(ARRAY(SELECT key FROM parent level))} where a declared index leads with
 * the link — an index scan, the plan PostgreSQL runs fastest — else with {@code link IN (SELECT ...)}, which it can
 * hash, and comes back with its link, which the client matches to its parents' keys. Any other
 * level is joined to the parent level's CTE and comes back with its parent row's number ({@code prn}), so the
 * database's own equality matches them. A per-parent limit is a {@code LATERAL} top-N per distinct key (or per
 * parent row). One statement is one snapshot: no transaction is needed. Thread-safe.
 */
final class StackedFetch {

    private final Plan plan;
    /** Per level: matched to its parents by link value (true) or by the parent row's number. */
    private final boolean[] byKey;
    /** What each column of the stacked rows holds: the level, the two numbers, then every level's slots. */
    private final List<Field<?>> reading = new ArrayList<>();
    /** Each level's slots among the stacked columns: {@code from} inclusive, {@code to} exclusive. */
    private final int[] from;
    private final int[] to;
    /** Per level matched by key: where its parent level's rows hold the key (a slot of the parent's). */
    private final int[] keyInParent;
    /** The levels' CTEs are named this and their index: a name no table of the plan has. */
    private final String cte;

    StackedFetch(Plan plan, String planSql) {
        this.plan = plan;
        this.cte = ctePrefix(planSql);
        int levels = plan.levels().size();
        this.byKey = new boolean[levels];
        this.from = new int[levels];
        this.to = new int[levels];
        this.keyInParent = new int[levels];
        for (Level level : plan.levels()) {
            byKey[level.index()] = level.spec() != null && BatchedFetch.exactInJava(level);
        }
        reading.add(DSL.field(DSL.name("lvl"), SQLDataType.INTEGER));
        reading.add(DSL.field(DSL.name("rn"), SQLDataType.BIGINT));
        reading.add(DSL.field(DSL.name("prn"), SQLDataType.BIGINT));
        for (Level level : plan.levels()) {
            from[level.index()] = reading.size();
            List<Field<?>> slots = slotTypes(level);
            for (int i = 0; i < slots.size(); i++) {
                reading.add(DSL.field(DSL.name("s" + level.index() + "_v" + i), slots.get(i).getDataType()));
            }
            to[level.index()] = reading.size();
            int slot = level.payload().size();
            for (Level child : level.children()) {
                if (byKey[child.index()]) {
                    keyInParent[child.index()] = slot++;
                }
            }
        }
    }

    /**
     * What a level's rows bring back, in order: its payload, the key of each child level matched by key, and (if it
     * is matched by key itself) its link, read as its parent key's type.
     */
    private List<Field<?>> slotTypes(Level level) {
        List<Field<?>> slots = new ArrayList<>(level.payload());
        for (Level child : level.children()) {
            if (byKey[child.index()]) {
                slots.add(child.parentKey().get(0));
            }
        }
        if (byKey[level.index()]) {
            slots.add(level.spec().parentKey().get(0));
        }
        return slots;
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
     * Puts each level's rows in order by their numbers, groups each nested level's rows by parent (by its parent
     * row's number, or by key: every parent row with that key gets the same list), and maps the levels bottom-up
     * (a level's children have larger level numbers), so every list is in its level's order.
     */
    @SuppressWarnings("unchecked")
    private List<Object> assemble(List<List<Object[]>> byLevel) {
        int levels = plan.levels().size();
        Object[][][] placed = new Object[levels][][];
        for (Level level : plan.levels()) {
            placed[level.index()] = inOrder(byLevel.get(level.index()), width(level));
        }
        // Per nested level: each parent row's group, and each group's list of mapped rows.
        int[][] groupOf = new int[levels][];
        Map<Object, Integer>[] groupByKey = new Map[levels];
        List<Object>[][] groups = new List[levels][];
        for (Level level : plan.levels()) {
            if (level.spec() == null) {
                continue;
            }
            Object[][] parents = placed[level.parentLevel().index()];
            int[] group = new int[parents.length];
            if (byKey[level.index()]) {
                Map<Object, Integer> keys = new HashMap<>();
                for (int p = 0; p < parents.length; p++) {
                    Object key = parents[p][keyInParent[level.index()]];
                    group[p] = key == null ? -1 : keys.computeIfAbsent(key, unused -> keys.size());
                }
                groupByKey[level.index()] = keys;
                groups[level.index()] = new List[keys.size()];
            } else {
                Arrays.setAll(group, p -> p);
                groups[level.index()] = new List[parents.length];
            }
            groupOf[level.index()] = group;
        }
        List<Object> mapped = List.of();
        for (int index = levels - 1; index >= 0; index--) {
            Level level = plan.levels().get(index);
            Object[][] rows = placed[index];
            NodeRow.Children childrenOf = (child, values) -> {
                int group = groupOf[child.index()][((Long) values[values.length - 2]).intValue() - 1];
                List<Object> list = group < 0 ? null : groups[child.index()][group];
                return list == null ? List.of() : Collections.unmodifiableList(list);
            };
            Object[] levelRows = new Object[rows.length];
            for (int r = 0; r < rows.length; r++) {
                levelRows[r] = NodeRow.map(level, rows[r], childrenOf);
            }
            if (level.spec() == null) {
                mapped = Arrays.asList(levelRows);
                continue;
            }
            List<Object>[] siblings = groups[index];
            for (int r = 0; r < rows.length; r++) {
                Object[] row = rows[r];
                int group = byKey[index] ? groupByKey[index].getOrDefault(row[row.length - 3], -1)
                        : groupOf[index][((Long) row[row.length - 1]).intValue() - 1];
                if (group < 0) {
                    throw new IllegalStateException("a row of level " + index + " has no parent among the fetched rows; this is a fetchplan bug");
                }
                if (siblings[group] == null) {
                    siblings[group] = new ArrayList<>();
                }
                siblings[group].add(levelRows[r]);
            }
        }
        return Collections.unmodifiableList(mapped);
    }

    /** How many values a level's rows hold before their two numbers. */
    private int width(Level level) {
        return to[level.index()] - from[level.index()];
    }

    /** A level's rows placed by their numbers (after the level's values), checking that they are 1 to n. */
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

    /** {@code WITH s0 AS MATERIALIZED (...), s1 AS [NOT] MATERIALIZED (...), ... SELECT 0, rn, prn, ... FROM s0 UNION ALL ...}. */
    @SuppressWarnings("unchecked")
    private Select<?> query(BitSet limited) {
        List<CommonTableExpression<?>> ctes = new ArrayList<>();
        for (Level level : plan.levels()) {
            Select<?> rows = level.spec() == null ? root(level)
                    : limited.get(level.index()) ? topPerParent(level) : all(level);
            // A level with children is read by them too: computed once. A leaf is read once, by its branch below
            // (the typing branch never runs): inlined, its rows are never written to a tuplestore.
            ctes.add(level.children().isEmpty() ? DSL.name(cte + level.index()).asNotMaterialized((Select<Record>) rows)
                    : DSL.name(cte + level.index()).asMaterialized((Select<Record>) rows));
        }
        // A union's column types are settled branch by branch, and a bare NULL is of unknown type: a first branch
        // that returns no rows gives every column its level's own type, so later NULLs (and domains) follow it.
        List<Table<?>> all = new ArrayList<>();
        List<SelectField<?>> typed = new ArrayList<>();
        typed.add(DSL.inline(-1).as("lvl"));
        typed.add(DSL.field(DSL.name(cte + 0, "rn"), SQLDataType.BIGINT).as("rn"));
        typed.add(DSL.field(DSL.name(cte + 0, "rn"), SQLDataType.BIGINT).as("prn"));
        for (Level level : plan.levels()) {
            all.add(DSL.table(DSL.name(cte + level.index())));
            typed.addAll(slots(level, level));
        }
        Select<Record> stacked = DSL.select(typed).from(all).where(DSL.falseCondition());
        for (Level level : plan.levels()) {
            String table = cte + level.index();
            List<SelectField<?>> select = new ArrayList<>();
            select.add(DSL.inline(level.index()).as("lvl"));
            select.add(DSL.field(DSL.name(table, "rn"), SQLDataType.BIGINT).as("rn"));
            select.add(level.spec() == null || byKey[level.index()] ? DSL.inline((Object) null).as("prn")
                    : DSL.field(DSL.name(table, "prn"), SQLDataType.BIGINT).as("prn"));
            for (Level other : plan.levels()) {
                select.addAll(slots(other, level));
            }
            stacked = stacked.unionAll(DSL.select(select).from(DSL.table(DSL.name(table))));
        }
        return DSL.with(ctes).selectFrom(stacked.asTable("stacked"));
    }

    /** {@code level}'s slots in a branch of the stacked rows: its CTE's values in its own branch, else NULL. */
    private List<SelectField<?>> slots(Level level, Level branch) {
        List<SelectField<?>> slots = new ArrayList<>();
        String table = cte + level.index();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < level.payload().size(); i++) {
            names.add("v" + i);
        }
        for (Level child : level.children()) {
            if (byKey[child.index()]) {
                names.add("k" + child.index() + "_0");
            }
        }
        if (byKey[level.index()]) {
            names.add("pk");
        }
        for (int i = 0; i < names.size(); i++) {
            Field<?> slot = reading.get(from[level.index()] + i);
            slots.add(level == branch ? DSL.field(DSL.name(table, names.get(i)), slot.getDataType()).as(slot.getName())
                    : DSL.inline((Object) null).as(slot.getName()));
        }
        return slots;
    }

    /**
     * The root: its first rows in order ({@code SELECT ... ORDER BY order LIMIT ?}, so the database may keep just
     * the top rows), numbered in that order outside.
     */
    private Select<?> root(Level root) {
        PositionalSelect columns = new PositionalSelect(carried(root), root.order());
        Table<?> first = DSL.select(columns.aliased()).from(root.from(false))
                .orderBy(root.order()).limit(Limits.parameter(root)).asTable("r0");
        return numbered(root, columns.carriedIn(first), null, null, columns.orderIn(first, root.order())).from(first);
    }

    /**
     * Every child of every parent row: by key, {@code WHERE link = ANY(ARRAY(SELECT key FROM parent level))} where
     * an index leads with the link, else {@code WHERE link IN (SELECT key FROM parent level)}, the link coming back
     * as {@code pk}; otherwise joined to the parent level's CTE, its row number coming back as {@code prn}.
     */
    private Select<?> all(Level level) {
        Table<?> parent = parent(level);
        if (byKey[level.index()]) {
            Field<?> link = level.link().get(0);
            Select<?> parentKeys = DSL.select(parentKeys(level, parent).get(0)).from(parent);
            // PostgreSQL estimates ANY(ARRAY(subquery)) at 10 elements and never hashes it: fastest by index probes,
            // a scan comparing each row with every parent key without an index. IN lets it hash the parents.
            Condition amongParents = indexedLink(level)
                    ? DSL.condition("{0} = any(array({1}))", link, parentKeys)
                    : DSL.condition("{0} in ({1})", link, parentKeys);
            return numbered(level, carried(level), link, null, level.order()).from(level.from(false)).where(amongParents);
        }
        Table<?> joined = parent.join(level.node().source().derived()).on(level.linkMatches(parentKeys(level, parent)));
        return numbered(level, carried(level), null, parentNumber(parent), level.order()).from(level.joined(joined, false));
    }

    /**
     * A prefix for the levels' CTE names that, followed by digits, is no word of {@code planSql} (the plan's tables,
     * filters and counts rendered), in any case, quoted or not: a CTE's name hides any table of that name for the
     * whole statement.
     */
    static String ctePrefix(String planSql) {
        String prefix = "s";
        while (Pattern.compile("(?i)(?<![\\w$])" + Pattern.quote(prefix) + "\\d+(?![\\w$])").matcher(planSql).find()) {
            prefix += "_";
        }
        return prefix;
    }

    /** Whether an index (not a partial one) or a key the link's table declares in jOOQ starts with the link's column. */
    private static boolean indexedLink(Level level) {
        String column = level.spec().link().get(0).getName();
        Table<?> table = level.spec().node().through().map(Through::table).orElse(level.spec().node().table());
        Stream<List<? extends Field<?>>> leading = Stream.concat(
                table.getIndexes().stream().filter(index -> index.getWhere() == null)
                        .map(index -> index.getFields().stream().map(SortField::$field).toList()),
                table.getKeys().stream().map(key -> (List<? extends Field<?>>) key.getFields()));
        return leading.anyMatch(fields -> !fields.isEmpty() && fields.get(0) != null && fields.get(0).getName().equals(column));
    }

    /**
     * The first N children of each parent: a {@code LATERAL} top-N per distinct parent key (by key) or per row of
     * the parent level's CTE.
     */
    private Select<?> topPerParent(Level level) {
        Table<?> parent = parent(level);
        Table<?> parents = parent;
        List<Field<?>> keys = parentKeys(level, parent);
        if (byKey[level.index()]) {
            parents = DSL.selectDistinct(keys.get(0).as("key")).from(parent).where(keys.get(0).isNotNull()).asTable("d" + level.index());
            keys = List.of(parents.field(0));
        }
        PositionalSelect columns = new PositionalSelect(carried(level), level.order());
        Table<?> lateral = DSL.lateral(DSL.select(columns.aliased()).from(level.from(true))
                        .where(level.linkMatches(keys))
                        .orderBy(level.order())
                        .limit(Limits.parameter(level)))
                .as("l" + level.index());
        return numbered(level, columns.carriedIn(lateral), byKey[level.index()] ? keys.get(0) : null,
                byKey[level.index()] ? null : parentNumber(parent), columns.orderIn(lateral, level.order()))
                .from(parents).crossJoin(lateral);
    }

    /**
     * A level's CTE select list: {@code carried} (as {@link #carried}) named {@code v0, v1, ...} then {@code k<child
     * level>_<column>}, then {@code pk} (its link, when matched by key) or {@code prn} (its parent row's number,
     * when joined), and the row's own number {@code rn}: in the parents' order, then the level's.
     */
    private static SelectSelectStep<Record> numbered(Level level, List<Field<?>> carried, Field<?> link, Field<Long> parentNumber,
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
        if (link != null) {
            select.add(link.as("pk"));
        }
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
    private Table<?> parent(Level level) {
        return DSL.table(DSL.name(cte + level.parentLevel().index())).as("p" + level.index());
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
