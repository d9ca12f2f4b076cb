package dev.fetchplan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.SelectField;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.conf.NestedCollectionEmulation;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The MULTISET strategy: one statement. Each nested level is a correlated subquery — a derived table with the
 * level's order and per-parent limit — aggregated as {@code json_agg(json_build_array(...) ORDER BY ...)}, so the
 * order is stated inside the aggregate instead of hoping a subquery's ORDER BY survives aggregation (jOOQ
 * #13155). fetchplan decodes that JSON itself ({@link NestedJson}); a plan with a nested column type it does
 * not decode, or a caller whose Settings name a MULTISET emulation, gets jOOQ's MULTISET (the same SQL shape,
 * decoded by jOOQ). Rows read: the payload, then one nested result per child.
 */
final class MultisetFetch {

    /**
     * jOOQ emulates MULTISET on PostgreSQL with JSON or JSONB. JSON is cheaper for the server to build (no
     * binary conversion) and decodes to the same values; see docs/ARCHITECTURE.md for the measurement.
     */
    static final NestedCollectionEmulation EMULATION = NestedCollectionEmulation.JSON;

    private MultisetFetch() {
    }

    static List<Object> fetch(DSLContext dsl, Level root) {
        NestedCollectionEmulation chosen = dsl.settings().getEmulateMultiset();
        boolean callersChoice = chosen != null && chosen != NestedCollectionEmulation.DEFAULT;
        List<NestedJson.Decoder> decoders = new ArrayList<>();
        for (Level child : root.children) {
            NestedJson.Decoder.of(child).ifPresent(decoders::add);
        }
        if (!callersChoice && decoders.size() == root.children.size()) {
            return decodedByFetchplan(dsl, root, decoders);
        }
        DSLContext json = callersChoice ? dsl
                : DSL.using(dsl.configuration().derive(((Settings) dsl.settings().clone()).withEmulateMultiset(EMULATION)));
        List<SelectField<?>> select = new ArrayList<>(root.payload);
        for (Level child : root.children) {
            select.add(nested(child, true));
        }
        Result<Record> result = json.select(select).from(root.from(false)).where(root.where).orderBy(root.order)
                .limit(root.limit.getAsInt()).fetch();
        return mapAll(root, jooqRows(root, result));
    }

    private static List<Object> decodedByFetchplan(DSLContext dsl, Level root, List<NestedJson.Decoder> decoders) {
        List<Field<?>> select = new ArrayList<>(root.payload);
        for (Level child : root.children) {
            select.add(nested(child, false).coerce(SQLDataType.CLOB));
        }
        List<Object[]> rows = ResultSetRows.fetch(dsl, dsl.select(select).from(root.from(false)).where(root.where)
                .orderBy(root.order).limit(root.limit.getAsInt()), select);
        for (Object[] row : rows) {
            for (int position = 0; position < decoders.size(); position++) {
                int index = root.payload.size() + position;
                row[index] = NestedJson.rows(decoders.get(position), (String) row[index]);
            }
        }
        return mapAll(root, rows);
    }

    /**
     * {@code json_agg(json_build_array(payload..., children...) ORDER BY ...)} over the level's rows of one
     * parent, for fetchplan to decode; or the same as jOOQ's MULTISET, which jOOQ renders alike and decodes.
     */
    private static Field<?> nested(Level level, boolean jooqMultiset) {
        List<Field<?>> inner = new ArrayList<>();
        for (Field<?> column : level.payload) {
            inner.add(ExactJson.encode(column));
        }
        for (Level child : level.children) {
            inner.add(nested(child, jooqMultiset));
        }
        DerivedColumns columns = new DerivedColumns(inner, level.order);
        Table<?> derived = correlated(level, columns);
        List<Field<?>> carried = columns.carriedIn(derived);
        List<SortField<?>> order = columns.orderIn(derived, level.order);
        if (jooqMultiset) {
            return DSL.field(DSL.select(DSL.multisetAgg(carried).orderBy(order)).from(derived));
        }
        return DSL.field(DSL.select(DSL.jsonArrayAgg(DSL.jsonArray(carried)).orderBy(order)).from(derived));
    }

    /** The level's rows for one parent row, in the level's order and within its per-parent limit. */
    @SuppressWarnings("unchecked")
    private static Table<?> correlated(Level level, DerivedColumns columns) {
        var correlated = DSL.select(columns.aliased()).from(level.from(true))
                .where(((Field<Object>) level.link).eq((Field<Object>) level.parentKey))
                .orderBy(level.order);
        return (level.limit.isPresent() ? correlated.limit(level.limit.getAsInt()) : correlated).asTable("d_" + level.alias);
    }

    /** jOOQ's records (the root's, or a nested result) as rows of values, their nested results likewise. */
    private static List<Object[]> jooqRows(Level level, Result<?> nested) {
        if (nested == null) {
            return List.of();
        }
        List<Object[]> rows = new ArrayList<>(nested.size());
        for (Record record : nested) {
            Object[] row = RecordRow.values(record);
            for (int position = 0; position < level.children.size(); position++) {
                int index = level.payload.size() + position;
                row[index] = jooqRows(level.children.get(position), (Result<?>) row[index]);
            }
            rows.add(row);
        }
        return rows;
    }

    /** Maps each row bottom-up: its children (the nested rows right after its payload) first, once each. */
    @SuppressWarnings("unchecked")
    private static List<Object> mapAll(Level level, List<Object[]> rows) {
        List<Object> mapped = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            List<?>[] children = new List<?>[level.children.size()];
            for (int position = 0; position < children.length; position++) {
                children[position] = mapAll(level.children.get(position), (List<Object[]>) row[level.payload.size() + position]);
            }
            mapped.add(RecordRow.map(level, row, (parent, position, parentValues) -> children[position]));
        }
        return Collections.unmodifiableList(mapped);
    }
}
