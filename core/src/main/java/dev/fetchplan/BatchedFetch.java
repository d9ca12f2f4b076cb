package dev.fetchplan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The BATCHED strategy: one statement per level, all in one snapshot. A nested level's parent keys are bound
 * as one array parameter: {@code link = ANY(?)} when every child is wanted, or {@code unnest(?)} with a
 * {@code LATERAL} top-N subquery per key when the level has a per-parent limit (the index stops each scan
 * after N rows). Rows read: the payload, then the link (nested levels), then the key each child level needs.
 */
final class BatchedFetch {

    private BatchedFetch() {
    }

    static List<Object> fetch(DSLContext dsl, Level root) {
        if (root.children.isEmpty()) {
            return fetchRoot(dsl, root);
        }
        return Snapshot.read(dsl, statements(root), bound -> fetchRoot(bound, root));
    }

    /** One statement per level. */
    private static int statements(Level level) {
        return 1 + level.children.stream().mapToInt(BatchedFetch::statements).sum();
    }

    private static List<Object> fetchRoot(DSLContext dsl, Level root) {
        List<Field<?>> select = new ArrayList<>(root.payload);
        select.addAll(parentKeys(root));
        List<Object[]> rows = ResultSetRows.fetch(dsl, dsl.select(select).from(root.from(false)).where(root.where)
                .orderBy(root.order).limit(root.limit.getAsInt()), select);
        Grouped grouped = childrenOf(dsl, root, rows, root.payload.size());
        List<Object> mapped = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            mapped.add(RecordRow.map(root, row, grouped));
        }
        return Collections.unmodifiableList(mapped);
    }

    /** Fetches every child level of {@code level} for {@code rows}, mapped and grouped by parent key. */
    private static Grouped childrenOf(DSLContext dsl, Level level, List<Object[]> rows, int firstParentKey) {
        List<Map<Object, List<Object>>> byChild = new ArrayList<>();
        for (int position = 0; position < level.children.size(); position++) {
            Level child = level.children.get(position);
            byChild.add(fetchLevel(dsl, child, keys(rows, firstParentKey + position, child.link)));
        }
        return new Grouped(byChild, firstParentKey);
    }

    private static Map<Object, List<Object>> fetchLevel(DSLContext dsl, Level level, Set<Object> parentKeys) {
        if (parentKeys.isEmpty()) {
            return Map.of();
        }
        List<Field<?>> select = new ArrayList<>(level.payload);
        int linkIndex = select.size();
        select.add(level.link);
        select.addAll(parentKeys(level));
        List<Object[]> rows = level.limit.isPresent()
                ? topPerParent(dsl, level, select, parentKeys)
                : all(dsl, level, select, parentKeys);
        Grouped grouped = childrenOf(dsl, level, rows, linkIndex + 1);
        Map<Object, List<Object>> byParent = new HashMap<>();
        for (Object[] row : rows) {
            byParent.computeIfAbsent(row[linkIndex], key -> new ArrayList<>())
                    .add(RecordRow.map(level, row, grouped));
        }
        byParent.replaceAll((key, children) -> Collections.unmodifiableList(children));
        return byParent;
    }

    /** {@code SELECT ... WHERE link = ANY(?) ORDER BY link, order}: one array parameter for all parents. */
    @SuppressWarnings("unchecked")
    private static List<Object[]> all(DSLContext dsl, Level level, List<Field<?>> select, Set<Object> parentKeys) {
        List<SortField<?>> order = new ArrayList<>();
        order.add(level.link.asc());
        order.addAll(level.order);
        return ResultSetRows.fetch(dsl, dsl.select(select).from(level.from(false))
                .where(((Field<Object>) level.link).eq(DSL.any(KeyArray.of(level.link, parentKeys))))
                .orderBy(order), select);
    }

    /**
     * {@code SELECT l.* FROM unnest(?) k CROSS JOIN LATERAL (SELECT ... WHERE link = k.key ORDER BY order
     * LIMIT n) l ORDER BY l.link, l.order}: one array parameter, top N per parent.
     */
    @SuppressWarnings("unchecked")
    private static List<Object[]> topPerParent(DSLContext dsl, Level level, List<Field<?>> select, Set<Object> parentKeys) {
        Table<?> keys = DSL.unnest(KeyArray.of(level.link, parentKeys)).as("k_" + level.alias, "parent_key");
        DerivedColumns columns = new DerivedColumns(select, level.order);
        Table<?> lateral = DSL.lateral(DSL.select(columns.aliased()).from(level.from(true))
                        .where(((Field<Object>) level.link).eq((Field<Object>) keys.field(0)))
                        .orderBy(level.order)
                        .limit(level.limit.getAsInt()))
                .as("l_" + level.alias);
        List<SortField<?>> order = new ArrayList<>();
        order.add(columns.in(lateral, level.link).asc());
        order.addAll(columns.orderIn(lateral, level.order));
        List<Field<?>> carried = columns.carriedIn(lateral);
        return ResultSetRows.fetch(dsl, dsl.select(carried).from(keys).crossJoin(lateral).orderBy(order), carried);
    }

    /** The parent-key columns the child levels of {@code level} link to, one per child. */
    private static List<Field<?>> parentKeys(Level level) {
        return level.children.stream().<Field<?>>map(child -> child.parentKey).toList();
    }

    /** The distinct non-null parent keys, converted to the link column's type (an int4 link may point at an int8 key). */
    private static Set<Object> keys(List<Object[]> rows, int index, Field<?> link) {
        Set<Object> keys = new LinkedHashSet<>();
        for (Object[] row : rows) {
            Object key = asLinkType(link, row[index]);
            if (key != null) {
                keys.add(key);
            }
        }
        return keys;
    }

    /** A parent key as the link column's type (an int4 link may point at an int8 key); most already are. */
    private static Object asLinkType(Field<?> link, Object key) {
        return key == null || key.getClass() == link.getType() ? key : link.getDataType().convert(key);
    }

    /** A level's children, mapped and grouped by the parent key each child level links to. */
    private record Grouped(List<Map<Object, List<Object>>> byChild, int firstParentKey) implements RecordRow.Children {
        @Override
        public List<?> of(Level parent, int childPosition, Object[] values) {
            Object key = asLinkType(parent.children.get(childPosition).link, values[firstParentKey + childPosition]);
            return key == null ? List.of() : byChild.get(childPosition).getOrDefault(key, List.of());
        }
    }
}
