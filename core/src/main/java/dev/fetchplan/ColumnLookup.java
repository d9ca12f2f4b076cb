package dev.fetchplan;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Field;
import org.jooq.Table;

/**
 * Where a mapper's {@code Row.get(column)} finds a column in a row: by name among the columns a level (or a
 * ToOne) selected, starting at {@code offset}. Mappers ask for every column of every row, so each field is
 * checked once and then found by identity; and as a mapper asks in the same order for every row, the field
 * after the last one asked is tried first. Belongs to one fetch on one thread.
 */
final class ColumnLookup {

    private static final int MAX_REMEMBERED = 64;

    private final Table<?> table;
    private final List<Field<?>> selected;
    private final String where;
    private final int offset;
    private final Map<String, Integer> byName = new HashMap<>();
    private Field<?>[] asked = new Field<?>[8];
    private int[] askedIndex = new int[8];
    private int askedCount;
    private int next;

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
        if (next < askedCount && asked[next] == column) {
            return askedIndex[next++];
        }
        for (int i = 0; i < askedCount; i++) {
            if (asked[i] == column) {
                next = i + 1;
                return askedIndex[i];
            }
        }
        Integer position = byName.get(column.getName());
        if (position == null) {
            throw new IllegalArgumentException("column " + column.getName() + " is not selected " + where + "; selected: "
                    + Columns.names(selected));
        }
        Columns.checkBelongs(column, table, "column");
        if (askedCount == MAX_REMEMBERED) {
            // A mapper that builds a new Field object per row: start over rather than scan an ever longer list.
            askedCount = 0;
        } else if (askedCount == asked.length) {
            asked = Arrays.copyOf(asked, askedCount * 2);
            askedIndex = Arrays.copyOf(askedIndex, askedCount * 2);
        }
        asked[askedCount] = column;
        askedIndex[askedCount++] = offset + position;
        next = askedCount;
        return offset + position;
    }
}
