package dev.fetchplan.internal.fetch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Field;
import org.jooq.SortField;
import org.jooq.Table;

/**
 * The select list of a derived table that must be ordered again outside it (MULTISET's aggregate, BATCHED's
 * LATERAL): the carried columns, then any order column not among them, all aliased by position ({@code v0},
 * {@code v1}, ...) so that columns of the same name from different tables cannot clash.
 */
final class PositionalSelect {

    private final List<Field<?>> fields;
    private final Map<Field<?>, Integer> positions = new HashMap<>();
    private final int carried;

    PositionalSelect(List<Field<?>> carried, List<SortField<?>> order) {
        this.fields = new ArrayList<>(carried);
        this.carried = carried.size();
        for (int i = 0; i < fields.size(); i++) {
            positions.putIfAbsent(fields.get(i), i);
        }
        for (SortField<?> sort : order) {
            if (!positions.containsKey(sort.$field())) {
                positions.put(sort.$field(), fields.size());
                fields.add(sort.$field());
            }
        }
    }

    /** The select list inside the derived table. */
    List<Field<?>> aliased() {
        List<Field<?>> aliased = new ArrayList<>(fields.size());
        for (int i = 0; i < fields.size(); i++) {
            aliased.add(fields.get(i).as("v" + i));
        }
        return aliased;
    }

    /** The carried columns as seen from outside the derived table. */
    List<Field<?>> carriedIn(Table<?> derived) {
        return List.of(derived.fields()).subList(0, carried);
    }

    /** {@code field} (one of the carried or order columns) as seen from outside the derived table. */
    Field<?> in(Table<?> derived, Field<?> field) {
        return derived.field(positions.get(field));
    }

    /** {@code order} as seen from outside the derived table. */
    List<SortField<?>> orderIn(Table<?> derived, List<SortField<?>> order) {
        List<SortField<?>> outside = new ArrayList<>(order.size());
        for (SortField<?> sort : order) {
            outside.add(sort.$field(in(derived, sort.$field())));
        }
        return outside;
    }
}
