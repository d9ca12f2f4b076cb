package dev.fetchplan.internal.fetch;

import dev.fetchplan.internal.plan.Bindings;
import dev.fetchplan.internal.plan.Level;
import dev.fetchplan.internal.plan.Plan;
import dev.fetchplan.internal.sql.CompiledQuery;
import dev.fetchplan.internal.sql.QueryCache;
import dev.fetchplan.internal.value.DelegatedValues;
import dev.fetchplan.internal.value.ExactJson;
import dev.fetchplan.internal.value.NestedJson;
import dev.fetchplan.internal.value.ResultSetRows;
import dev.fetchplan.internal.value.RowBudget;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.ExecuteListenerProvider;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.conf.NestedCollectionEmulation;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConnectionProvider;
import org.jooq.impl.SQLDataType;

/**
 * The MULTISET strategy: one statement. Each nested level is a correlated subquery — a derived table with the
 * level's order and per-parent limit — aggregated as {@code json_agg(json_build_array(...) ORDER BY ...)}, so the
 * order is stated inside the aggregate instead of hoping a subquery's ORDER BY survives aggregation (jOOQ
 * #13155). fetchplan decodes that JSON itself ({@link NestedJson}); a plan with a nested column type it does
 * not decode, or a caller whose Settings name a MULTISET emulation, gets jOOQ's MULTISET (the same SQL shape,
 * decoded by jOOQ). Rows read: the payload, then one nested result per child. Thread-safe.
 */
final class MultisetFetch {

    /**
     * jOOQ emulates MULTISET on PostgreSQL with JSON or JSONB. JSON is cheaper for the server to build (no
     * binary conversion) and decodes to the same values; see docs/ARCHITECTURE.md for the measurement.
     */
    static final NestedCollectionEmulation EMULATION = NestedCollectionEmulation.JSON;

    private final Plan plan;
    /** One decoder per child of the root. */
    private final List<NestedJson.Decoder> decoders;
    /** Whether some nested column is delegated to jOOQ (see ExactJson). */
    private final boolean delegates;
    /** Whether fetchplan decodes the nested JSON (else jOOQ does): a delegated column needs pgjdbc. */
    private final boolean decodable;

    MultisetFetch(Plan plan) {
        this.plan = plan;
        this.decoders = plan.root().children().stream().map(NestedJson.Decoder::of).toList();
        this.delegates = decoders.stream().anyMatch(NestedJson.Decoder::delegates);
        this.decodable = DelegatedValues.available() || !delegates;
    }

    /** The plan's SQL in this strategy's shape, rendered with jOOQ's defaults: every table, filter and count it reads. */
    String sql() {
        return DSL.using(SQLDialect.POSTGRES).render(query(plan.root(), false, new BitSet()));
    }

    /** Compiles the query for {@code bindings}' shape, without running it. */
    void compile(QueryCache.Queries queries, Bindings bindings) {
        BitSet limited = bindings.limitedLevels();
        if (decodable) {
            queries.get(List.of("multiset", limited), () -> query(plan.root(), false, limited));
        }
    }

    List<Object> fetch(DSLContext dsl, QueryCache.Queries queries, Bindings bindings) {
        NestedCollectionEmulation chosen = dsl.settings().getEmulateMultiset();
        boolean callersChoice = chosen != null && chosen != NestedCollectionEmulation.DEFAULT;
        BitSet limited = bindings.limitedLevels();
        Level root = plan.root();
        if (!callersChoice && decodable) {
            CompiledQuery compiled = queries.get(List.of("multiset", limited), () -> query(root, false, limited));
            if (!delegates) {
                List<Object[]> rows = ResultSetRows.fetch(dsl, compiled.bind(dsl, Limits.values(plan, bindings)), compiled.fields(), root.index());
                decode(dsl.configuration(), root, rows, new DelegatedValues());
                return mapAll(root, rows);
            }
            // Delegated values are read through pgjdbc on the fetch's connection: hold it until they are.
            return dsl.connectionResult(connection -> {
                DSLContext held = DSL.using(dsl.configuration().derive(new DefaultConnectionProvider(connection)));
                List<Object[]> rows = ResultSetRows.fetch(held, compiled.bind(held, Limits.values(plan, bindings)), compiled.fields(), root.index());
                DelegatedValues delegated = new DelegatedValues();
                decode(held.configuration(), root, rows, delegated);
                delegated.resolve(connection, dsl.configuration().derive(new ExecuteListenerProvider[0]));
                return mapAll(root, rows);
            });
        }
        Configuration json = callersChoice ? dsl.configuration()
                : dsl.configuration().derive(((Settings) dsl.settings().clone()).withEmulateMultiset(EMULATION));
        CompiledQuery compiled = queries.get(List.of("multiset-jooq", limited), json, () -> query(root, true, limited));
        Result<Record> result = RowBudget.limit(json,
                compiled.bind(DSL.using(json), Limits.values(plan, bindings)).coerce(compiled.fields())).fetch();
        List<Object[]> rows = jooqRows(root, result);
        long[] rowsByLevel = new long[plan.levels().size()];
        for (Object[] row : rows) {
            Arrays.fill(rowsByLevel, 0);
            rowsByLevel[root.index()] = 1;
            countNested(root, row, rowsByLevel);
            RowBudget.take(json, rowsByLevel);
        }
        return mapAll(root, rows);
    }

    /**
     * Replaces each row's nested JSON by its rows, counting them against the fetch's row budget row by row;
     * delegated values are left pending in {@code delegated}.
     */
    private void decode(Configuration configuration, Level root, List<Object[]> rows, DelegatedValues delegated) {
        long[] rowsByLevel = new long[plan.levels().size()];
        for (Object[] row : rows) {
            for (int position = 0; position < decoders.size(); position++) {
                int index = root.payload().size() + position;
                row[index] = NestedJson.rows(decoders.get(position), (String) row[index], delegated);
            }
            Arrays.fill(rowsByLevel, 0);
            countNested(root, row, rowsByLevel);
            RowBudget.take(configuration, rowsByLevel);
        }
    }

    /** Adds the rows nested in {@code row} of {@code level}, at every depth, to {@code rowsByLevel} by their level. */
    @SuppressWarnings("unchecked")
    private static void countNested(Level level, Object[] row, long[] rowsByLevel) {
        for (Level child : level.children()) {
            List<Object[]> nested = (List<Object[]>) row[level.payload().size() + child.position()];
            rowsByLevel[child.index()] += nested.size();
            for (Object[] nestedRow : nested) {
                countNested(child, nestedRow, rowsByLevel);
            }
        }
    }

    /** The root's payload and one nested result per child, in the root's order, at most the root's limit. */
    private static Select<?> query(Level root, boolean jooqMultiset, BitSet limited) {
        List<Field<?>> select = new ArrayList<>(root.payload());
        for (Level child : root.children()) {
            select.add(jooqMultiset ? nested(child, true, limited) : nested(child, false, limited).coerce(SQLDataType.CLOB));
        }
        return DSL.select(select).from(root.from(false)).orderBy(root.order()).limit(Limits.parameter(root));
    }

    /**
     * {@code json_agg(json_build_array(payload..., children...) ORDER BY ...)} over the level's rows of one
     * parent row, for fetchplan to decode; or the same as jOOQ's MULTISET, which jOOQ renders alike and decodes.
     */
    private static Field<?> nested(Level level, boolean jooqMultiset, BitSet limited) {
        List<Field<?>> inner = new ArrayList<>();
        for (Field<?> column : level.payload()) {
            inner.add(jooqMultiset ? ExactJson.encodeForJooq(column) : ExactJson.encode(column));
        }
        for (Level child : level.children()) {
            inner.add(nested(child, jooqMultiset, limited));
        }
        PositionalSelect columns = new PositionalSelect(inner, level.order());
        Table<?> derived = correlated(level, columns, limited);
        List<Field<?>> carried = columns.carriedIn(derived);
        List<SortField<?>> order = columns.orderIn(derived, level.order());
        if (jooqMultiset) {
            return DSL.field(DSL.select(DSL.multisetAgg(carried).orderBy(order)).from(derived));
        }
        return DSL.field(DSL.select(DSL.jsonArrayAgg(DSL.jsonArray(carried)).orderBy(order)).from(derived));
    }

    /** The level's rows for one parent row, in the level's order and within its per-parent limit. */
    private static Table<?> correlated(Level level, PositionalSelect columns, BitSet limited) {
        var correlated = DSL.select(columns.aliased()).from(level.from(true))
                .where(level.linkMatches(level.parentKey()))
                .orderBy(level.order());
        return (limited.get(level.index()) ? correlated.limit(Limits.parameter(level)) : correlated).asTable("d" + level.index());
    }

    /** jOOQ's records (the root's, or a nested result) as rows of values, their nested results likewise. */
    private static List<Object[]> jooqRows(Level level, Result<?> nested) {
        if (nested == null) {
            return List.of();
        }
        List<Object[]> rows = new ArrayList<>(nested.size());
        for (Record record : nested) {
            Object[] row = ResultSetRows.values(record);
            for (int position = 0; position < level.children().size(); position++) {
                int index = level.payload().size() + position;
                row[index] = jooqRows(level.children().get(position), (Result<?>) row[index]);
            }
            rows.add(row);
        }
        return rows;
    }

    /** Maps each row bottom-up: its children (the nested rows right after its payload) first, once each. */
    @SuppressWarnings("unchecked")
    private static List<Object> mapAll(Level level, List<Object[]> rows) {
        List<Object> mapped = new ArrayList<>(rows.size());
        int firstChild = level.payload().size();
        for (Object[] row : rows) {
            for (Level child : level.children()) {
                row[firstChild + child.position()] = mapAll(child, (List<Object[]>) row[firstChild + child.position()]);
            }
            mapped.add(NodeRow.map(level, row, (child, values) -> (List<?>) values[firstChild + child.position()]));
        }
        return Collections.unmodifiableList(mapped);
    }
}
