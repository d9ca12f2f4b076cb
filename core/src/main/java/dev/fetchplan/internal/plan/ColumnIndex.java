package dev.fetchplan.internal.plan;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jooq.Field;

/**
 * Where a mapper's {@code row.get(column)} finds a selected column in a row of values. Mappers ask with the
 * same field objects they selected, so those are found by identity; any other field of the same table and name
 * (one built by hand) by name. Immutable and thread-safe.
 */
public final class ColumnIndex {

    private final Map<Field<?>, Integer> byIdentity = new IdentityHashMap<>();
    private final Map<ColumnKey, Integer> byKey = new HashMap<>();
    private final List<Field<?>> selected;
    private final String where;

    /** {@code selected[i]} is at {@code offset + i}; {@code where} finishes "is not selected ..." (e.g. "at the users level"). */
    ColumnIndex(List<Field<?>> selected, int offset, String where) {
        this.selected = selected;
        this.where = where;
        for (int i = 0; i < selected.size(); i++) {
            byIdentity.put(selected.get(i), offset + i);
            byKey.put(ColumnKey.of(selected.get(i)), offset + i);
        }
    }

    /** The index of {@code column} in the row; an IllegalArgumentException naming it when it is not selected. */
    public int indexOf(Field<?> column) {
        Integer index = byIdentity.get(column);
        if (index != null) {
            return index;
        }
        if (column == null) {
            throw new IllegalArgumentException("column is null; selected " + where + ": " + names());
        }
        index = byKey.get(ColumnKey.of(column));
        if (index == null) {
            throw new IllegalArgumentException("column " + ColumnKey.of(column) + " is not selected " + where + "; selected: " + names());
        }
        return index;
    }

    private String names() {
        return selected.stream().map(column -> ColumnKey.of(column).toString()).collect(Collectors.joining(", "));
    }
}
