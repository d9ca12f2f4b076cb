package dev.fetchplan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.SelectField;
import org.jooq.Table;
import org.jooq.conf.NestedCollectionEmulation;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * The MULTISET strategy: one statement. Each nested level is a correlated subquery — a derived table with the
 * level's order and per-parent limit — aggregated with {@code multisetAgg(...) ORDER BY ...}, so the order is
 * stated inside the aggregate instead of hoping a subquery's ORDER BY survives aggregation (jOOQ #13155).
 * Rows read: the payload, then one nested result per child.
 */
final class MultisetFetch {

    /**
     * jOOQ emulates MULTISET on PostgreSQL with JSON or JSONB. JSON is cheaper for the server to build (no
     * binary conversion) and decodes to the same values; see docs/ARCHITECTURE.md for the measurement. A
     * caller whose Settings name an emulation explicitly keeps it.
     */
    static final NestedCollectionEmulation EMULATION = NestedCollectionEmulation.JSON;

    private MultisetFetch() {
    }

    static List<Object> fetch(DSLContext dsl, Level root) {
        NestedCollectionEmulation chosen = dsl.settings().getEmulateMultiset();
        DSLContext json = chosen == null || chosen == NestedCollectionEmulation.DEFAULT
                ? DSL.using(dsl.configuration().derive(((Settings) dsl.settings().clone()).withEmulateMultiset(EMULATION)))
                : dsl;
        List<SelectField<?>> select = new ArrayList<>(root.payload);
        for (Level child : root.children) {
            select.add(nested(child));
        }
        Result<Record> result = json.select(select).from(root.from(false)).where(root.where).orderBy(root.order)
                .limit(root.limit.getAsInt()).fetch();
        return mapAll(root, result);
    }

    private static Field<Result<Record>> nested(Level level) {
        List<Field<?>> inner = new ArrayList<>();
        for (Field<?> column : level.payload) {
            inner.add(ExactJson.encode(column));
        }
        for (Level child : level.children) {
            inner.add(nested(child));
        }
        DerivedColumns columns = new DerivedColumns(inner, level.order);
        @SuppressWarnings("unchecked")
        var correlated = DSL.select(columns.aliased()).from(level.from(true))
                .where(((Field<Object>) level.link).eq((Field<Object>) level.parentKey))
                .orderBy(level.order);
        Table<?> derived = (level.limit.isPresent() ? correlated.limit(level.limit.getAsInt()) : correlated).asTable("d_" + level.alias);
        return DSL.field(DSL.select(DSL.multisetAgg(columns.carriedIn(derived)).orderBy(columns.orderIn(derived, level.order))).from(derived));
    }

    /** Maps each record bottom-up: its children (the nested results right after its payload) first, once each. */
    private static List<Object> mapAll(Level level, List<? extends Record> records) {
        List<Object> mapped = new ArrayList<>(records.size());
        for (Record record : records) {
            List<?>[] children = new List<?>[level.children.size()];
            for (int position = 0; position < children.length; position++) {
                @SuppressWarnings("unchecked")
                Result<Record> nested = (Result<Record>) record.get(level.payload.size() + position);
                children[position] = nested == null ? List.of() : mapAll(level.children.get(position), nested);
            }
            mapped.add(RecordRow.map(level, record.intoArray(), (parent, position, parentValues) -> children[position]));
        }
        return Collections.unmodifiableList(mapped);
    }
}
