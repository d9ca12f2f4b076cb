package dev.fetchplan;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Field;
import org.jooq.Table;

/**
 * Where a mapper's {@code Row.get(column)} finds a column in a row: by name among the columns a level (or a
 * ToOne) selected, starting at {@code offset}. Mappers ask for every column of every row, so each field is
 * checked once and then found by identity. Belongs to one fetch on one thread.
 */
final class ColumnLookup {

    private final Table<?> table;
    private final List<Field<?>> selected;
    private final String where;
    private final int offset;
    private final Map<String, Integer> byName = new HashMap<>();
    private final Map<Field<?>, Integer> resolved = new IdentityHashMap<>();

    /** {@code where} finishes "column x is not selected ..." (e.g. "at the users level"). */
    ColumnLookup(Table<?> table, List<Field<?>> selected, String where, int offset) {
        this.table = table;
        this.selected = selected;
        this.where = where;
        this.offset = offset;
        for (int i = 0; i < selected.size(); i++) {
            byName.put(selected.get(i).getName(), i);
        }
    }

    /** The position of {@code column} among the selected columns, or null if it is not one of them. */
    Integer position(String column) {
        return byName.get(column);
    }

    /** The index of {@code column} in the row. */
    int indexOf(Field<?> column) {
        Integer known = resolved.get(column);
        if (known != null) {
            return known;
        }
        Integer position = byName.get(column.getName());
        if (position == null) {
            throw new IllegalArgumentException("column " + column.getName() + " is not selected " + where + "; selected: "
                    + Columns.names(selected));
        }
        Columns.checkBelongs(column, table, "column");
        resolved.put(column, offset + position);
        return offset + position;
    }
}
