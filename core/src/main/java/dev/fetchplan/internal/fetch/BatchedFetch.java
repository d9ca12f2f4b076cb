package dev.fetchplan.internal.fetch;

import dev.fetchplan.internal.plan.Bindings;
import dev.fetchplan.internal.plan.Level;
import dev.fetchplan.internal.plan.Plan;
import dev.fetchplan.internal.sql.CompiledQuery;
import dev.fetchplan.internal.sql.KeyArray;
import dev.fetchplan.internal.sql.QueryCache;
import dev.fetchplan.internal.value.ExactJson;
import dev.fetchplan.internal.value.ResultSetRows;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.Converter;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.QueryPart;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultDataType;
import org.jooq.impl.SQLDataType;
import org.jooq.util.postgres.PostgresDataType;

/**
 * The BATCHED strategy: one statement per level, all in one snapshot. A nested level's parents are sent as one
 * array parameter per key column, whatever their number. Each child row comes back with what identifies its
 * parent: the parent's position in the arrays ({@code unnest(...) WITH ORDINALITY}, joined to the children, or
 * with a {@code LATERAL} top-N subquery per key when the level has a per-parent limit), so the database's own
 * equality matches them (numeric scales, case-insensitive text, collations, user types); or, for a single
 * integer or uuid key, whose Java equality is the database's, the link itself read as the key's type, with
 * {@code link = ANY(?)}: the plan PostgreSQL runs fastest (an index scan, no join with the array; see
 * docs/ARCHITECTURE.md). Rows read: the payload, then (nested levels) the parent's position or link, then the
 * parent key columns of the levels below. Thread-safe.
 */
final class BatchedFetch {

    private static final String KEYS = Plan.RESERVED_PARAMETER_PREFIX + "keys_";

    /** Key types whose Java equality (as fetchplan reads them) is exactly PostgreSQL's. */
    /** The type of a parent key column travelling as text. */
    private static final Field<String> AS_TEXT = DSL.field(DSL.name("key_text"), SQLDataType.CLOB);

    private static final Set<DataType<?>> EXACT_IN_JAVA = Set.of(SQLDataType.BIGINT, SQLDataType.INTEGER, SQLDataType.SMALLINT,
            SQLDataType.UUID);

    private final Plan plan;

    BatchedFetch(Plan plan) {
        this.plan = plan;
    }

    List<Object> fetch(DSLContext dsl, QueryCache.Queries queries, Bindings bindings) {
        // Every level's SQL is ready before the first statement: a plan that cannot be rendered for this
        // configuration fails without having sent anything.
        compile(queries, bindings);
        if (plan.levels().size() == 1) {
            return fetchRoot(dsl, queries, bindings);
        }
        return Snapshot.read(dsl, plan.levels().size(), bound -> fetchRoot(bound, queries, bindings));
    }

    /** Compiles every level's query for {@code bindings}' shape, without running anything. */
    void compile(QueryCache.Queries queries, Bindings bindings) {
        for (Level level : plan.levels()) {
            compiled(queries, bindings, level);
        }
    }

    private List<Object> fetchRoot(DSLContext dsl, QueryCache.Queries queries, Bindings bindings) {
        Level root = plan.root();
        CompiledQuery compiled = compiled(queries, bindings, root);
        List<Object[]> rows = ResultSetRows.fetch(dsl, compiled.bind(dsl, Limits.values(plan, bindings)), compiled.fields(), root.index());
        Grouped grouped = childrenOf(dsl, queries, bindings, root, rows, root.payload().size());
        List<Object> mapped = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            mapped.add(NodeRow.map(root, row, grouped));
        }
        return Collections.unmodifiableList(mapped);
    }

    private CompiledQuery compiled(QueryCache.Queries queries, Bindings bindings, Level level) {
        if (level.spec() == null) {
            return queries.get(List.of("batched", 0), () -> rootQuery(level));
        }
        boolean limited = bindings.limitOf(level).isPresent();
        return queries.get(List.of("batched", level.index(), limited),
                () -> limited ? topPerParent(level) : matchedByLink(level, bindings) ? byLink(level) : all(level));
    }

    /** Fetches every child level of {@code level} for {@code rows}, mapped and grouped by parent. */
    private Grouped childrenOf(DSLContext dsl, QueryCache.Queries queries, Bindings bindings, Level level, List<Object[]> rows,
                               int firstCarrier) {
        int[] carriers = new int[level.children().size()];
        List<List<?>[]> byChild = new ArrayList<>(carriers.length);
        int carrier = firstCarrier;
        for (Level child : level.children()) {
            carriers[child.position()] = carrier;
            ParentKeys keys = ParentKeys.collect(rows, carrier, transport(child));
            byChild.add(keys.count() == 0 ? new List<?>[0] : fetchLevel(dsl, queries, bindings, child, keys));
            carrier += child.spec().parentKey().size();
        }
        return new Grouped(byChild, carriers);
    }

    /** The rows of {@code level} for the parents in {@code keys}, mapped, by the parent's position. */
    private List<?>[] fetchLevel(DSLContext dsl, QueryCache.Queries queries, Bindings bindings, Level level, ParentKeys keys) {
        CompiledQuery compiled = compiled(queries, bindings, level);
        Function<Param<?>, Object> limits = Limits.values(plan, bindings);
        Function<Param<?>, Object> values = parameter -> parameter.getParamName().startsWith(KEYS)
                ? keys.column(Integer.parseInt(parameter.getParamName().substring(parameter.getParamName().lastIndexOf('_') + 1)))
                : limits.apply(parameter);
        List<Object[]> rows = ResultSetRows.fetch(dsl, compiled.bind(dsl, values), compiled.fields(), level.index());
        int position = level.payload().size();
        boolean byLink = matchedByLink(level, bindings);
        Grouped grouped = childrenOf(dsl, queries, bindings, level, rows, position + 1);
        List<Object>[] byParent = newLists(keys.count() + 1);
        for (Object[] row : rows) {
            int parent = byLink ? keys.position(row[position]) : ((Number) row[position]).intValue();
            if (byParent[parent] == null) {
                byParent[parent] = new ArrayList<>();
            }
            byParent[parent].add(NodeRow.map(level, row, grouped));
        }
        List<?>[] frozen = new List<?>[byParent.length];
        for (int i = 0; i < byParent.length; i++) {
            frozen[i] = byParent[i] == null ? List.of() : Collections.unmodifiableList(byParent[i]);
        }
        return frozen;
    }

    @SuppressWarnings("unchecked")
    private static List<Object>[] newLists(int length) {
        return (List<Object>[]) new List<?>[length];
    }

    /** {@code SELECT payload, carriers FROM root ORDER BY order LIMIT ?}. */
    private static Select<?> rootQuery(Level root) {
        List<Field<?>> select = new ArrayList<>(root.payload());
        select.addAll(carriers(root));
        return DSL.select(select).from(root.from(false)).orderBy(root.order()).limit(Limits.parameter(root));
    }

    /** Whether {@code level}'s rows are matched to their parents by the link's value rather than by position. */
    private static boolean matchedByLink(Level level, Bindings bindings) {
        return exactInJava(level) && bindings.limitOf(level).isEmpty();
    }

    /**
     * Whether {@code level}'s parent key is a single integer or uuid column without converter: its values travel as
     * a typed array and compare in Java as in SQL. Any other key travels as text (see {@link #transport}).
     */
    static boolean exactInJava(Level level) {
        List<Field<?>> parentKey = level.spec().parentKey();
        if (parentKey.size() != 1) {
            return false;
        }
        DataType<?> type = parentKey.get(0).getDataType();
        Converter<?, ?> converter = type.getConverter();
        return type.getSQLDataType() != null && EXACT_IN_JAVA.contains(type.getSQLDataType())
                && converter.fromType() == converter.toType() && ResultSetRows.isDefaultBinding(parentKey.get(0));
    }

    /**
     * How {@code level}'s parent key columns travel, one field per column: the key columns themselves for a key that
     * is {@link #exactInJava}; otherwise text, the columns' output text, cast back to the key's SQL type in SQL. Text
     * carries every value exactly, whatever jOOQ makes of it in Java (dates at infinity, bytea, arrays of arrays,
     * converters), and lets PostgreSQL compare with the type's own equality.
     */
    private static List<Field<?>> transport(Level level) {
        if (exactInJava(level)) {
            return level.spec().parentKey();
        }
        return level.spec().parentKey().stream().<Field<?>>map(column -> AS_TEXT).toList();
    }

    /**
     * {@code SELECT payload, link, carriers FROM level WHERE link = ANY(?) ORDER BY order}: every child of every
     * parent, the link read as the parent key's type.
     */
    private static Select<?> byLink(Level level) {
        Field<?> parentKey = level.spec().parentKey().get(0);
        @SuppressWarnings("unchecked")
        Field<Object> link = (Field<Object>) level.link().get(0);
        List<Field<?>> select = new ArrayList<>(level.payload());
        select.add(DSL.field(link.getQualifiedName(), parentKey.getDataType()));
        select.addAll(carriers(level));
        return DSL.select(select).from(level.from(false))
                .where(link.eq(DSL.any(KeyArray.parameter(KEYS + level.index() + "_0", parentKey))))
                .orderBy(level.order());
    }

    /**
     * {@code SELECT payload, k.ord, carriers FROM unnest(?, ...) WITH ORDINALITY k JOIN level ON link = k.key
     * WHERE link = ANY(?) ... ORDER BY order}: every child of every parent. The {@code ANY} filters (the same
     * arrays again) let PostgreSQL find the children by index before it joins them to their positions; without
     * them it estimates the unnested arrays at 100 rows and hashes the whole child table.
     */
    @SuppressWarnings("unchecked")
    private static Select<?> all(Level level) {
        Table<?> keys = keys(level);
        List<Field<?>> select = new ArrayList<>(level.payload());
        select.add(ordinal(keys));
        select.addAll(carriers(level));
        List<Field<?>> parentKey = level.spec().parentKey();
        List<Field<?>> transport = transport(level);
        List<Field<?>> link = level.link();
        Condition prefilter = DSL.noCondition();
        for (int i = 0; i < parentKey.size(); i++) {
            Field<Object[]> values = KeyArray.parameter(KEYS + level.index() + "_" + i, transport.get(i));
            DataType<?> keyType = parentKey.get(i).getDataType();
            if (transport.get(i) == AS_TEXT) {
                if (keyType.isArray()) {
                    continue;  // the array of an array type would cast element by element: no prefilter for such keys
                }
                values = castArray(values, keyType);
            }
            prefilter = prefilter.and(((Field<Object>) link.get(i)).eq(DSL.any(values)));
        }
        Table<?> joined = keys.join(level.node().source().derived()).on(level.linkMatches(keyColumns(level, keys)));
        return DSL.select(select).from(level.joined(joined, false)).where(prefilter).orderBy(level.order());
    }

    /**
     * {@code SELECT l.payload, k.ord, l.carriers FROM unnest(?, ...) WITH ORDINALITY k CROSS JOIN LATERAL (SELECT
     * ... WHERE link = k.key ORDER BY order LIMIT ?) l ORDER BY k.ord, l.order}: the first N children per parent.
     */
    private static Select<?> topPerParent(Level level) {
        Table<?> keys = keys(level);
        List<Field<?>> carried = new ArrayList<>(level.payload());
        carried.addAll(carriers(level));
        PositionalSelect columns = new PositionalSelect(carried, level.order());
        Table<?> lateral = DSL.lateral(DSL.select(columns.aliased()).from(level.from(true))
                        .where(level.linkMatches(keyColumns(level, keys)))
                        .orderBy(level.order())
                        .limit(Limits.parameter(level)))
                .as("l" + level.index());
        List<Field<?>> outside = columns.carriedIn(lateral);
        List<Field<?>> select = new ArrayList<>(outside.subList(0, level.payload().size()));
        select.add(ordinal(keys));
        select.addAll(outside.subList(level.payload().size(), outside.size()));
        List<SortField<?>> order = new ArrayList<>();
        order.add(ordinal(keys).asc());
        order.addAll(columns.orderIn(lateral, level.order()));
        return DSL.select(select).from(keys).crossJoin(lateral).orderBy(order);
    }

    /** The parent key columns the child levels of {@code level} need, child after child, as they travel. */
    private static List<Field<?>> carriers(Level level) {
        List<Field<?>> carriers = new ArrayList<>();
        for (Level child : level.children()) {
            boolean asText = !exactInJava(child);
            for (Field<?> column : child.parentKey()) {
                carriers.add(asText ? ExactJson.outputText(column)
                        : column);
            }
        }
        return carriers;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Field<Object[]> castArray(Field<Object[]> texts, DataType<?> keyType) {
        return DSL.cast(texts, (DataType) unconstrained(keyType).getArrayDataType());
    }

    /**
     * The type a key's text is cast back to: the key's type without its length, precision or scale, which are
     * jOOQ's declaration, not necessarily the column's (a widened column, a field declared by hand): a cast to
     * {@code varchar(3)} or {@code numeric(5,0)} would cut or round the key, and {@code char} alone means
     * {@code char(1)}. The comparison then happens at the column's own type.
     */
    private static DataType<?> unconstrained(DataType<?> keyType) {
        DataType<?> sqlType = keyType.getSQLDataType();
        if (sqlType == null) {
            return keyType;
        }
        if (sqlType.isArray()) {
            return unconstrained(sqlType.getArrayComponentDataType()).getArrayDataType();
        }
        if (sqlType == SQLDataType.CHAR || sqlType == SQLDataType.NCHAR || sqlType.getTypeName().equals(SQLDataType.CHAR.getTypeName())) {
            return PostgresDataType.BPCHAR;
        }
        return keyType.lengthDefined() || keyType.precisionDefined() || keyType.scaleDefined()
                ? DefaultDataType.getDataType(SQLDialect.POSTGRES, sqlType.getTypeName()) : keyType;
    }

    /** {@code unnest(?, ...) WITH ORDINALITY AS k(p0, ..., ord)}: one array parameter per parent key column. */
    private static Table<?> keys(Level level) {
        List<Field<?>> transport = transport(level);
        StringBuilder template = new StringBuilder("unnest(");
        QueryPart[] arrays = new QueryPart[transport.size()];
        String[] names = new String[transport.size() + 1];
        for (int i = 0; i < arrays.length; i++) {
            template.append(i == 0 ? "" : ", ").append('{').append(i).append('}');
            arrays[i] = KeyArray.parameter(KEYS + level.index() + "_" + i, transport.get(i));
            names[i] = "p" + i;
        }
        names[arrays.length] = "ord";
        return DSL.table(template.append(") with ordinality").toString(), arrays).as("k" + level.index(), names);
    }

    /** The unnested keys as values of the parent key's SQL types (text cast back to them). */
    private static List<Field<?>> keyColumns(Level level, Table<?> keys) {
        List<Field<?>> parentKey = level.spec().parentKey();
        List<Field<?>> transport = transport(level);
        List<Field<?>> columns = new ArrayList<>(parentKey.size());
        for (int i = 0; i < parentKey.size(); i++) {
            Field<?> unnested = DSL.field(DSL.name(keys.getName(), "p" + i), transport.get(i).getDataType());
            columns.add(transport.get(i) == AS_TEXT ? DSL.cast(unnested, unconstrained(parentKey.get(i).getDataType())) : unnested);
        }
        return columns;
    }

    private static Field<Long> ordinal(Table<?> keys) {
        return DSL.field(DSL.name(keys.getName(), "ord"), SQLDataType.BIGINT);
    }

    /** A level's children, mapped, by child and by the position of their parent's key in that child's arrays. */
    private record Grouped(List<List<?>[]> byChild, int[] carriers) implements NodeRow.Children {
        @Override
        public List<?> of(Level child, Object[] values) {
            Object parent = values[carriers[child.position()]];
            return parent == null ? List.of() : byChild.get(child.position())[(Integer) parent];
        }
    }
}
