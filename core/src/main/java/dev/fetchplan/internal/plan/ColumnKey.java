package dev.fetchplan.internal.plan;

import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Table;
import org.jooq.TableField;

/**
 * A column by the name of its table and its own name: how a plan tells the columns of a level apart when a
 * many-to-many level selects from two tables, and how a field built by hand ({@code field(name("t", "c"))})
 * matches a generated one.
 *
 * @param table the table's unqualified name, or "" for a field that names no table (an expression)
 */
public record ColumnKey(String table, String column) {

    public static ColumnKey of(Field<?> field) {
        if (field instanceof TableField<?, ?> tableField && tableField.getTable() != null) {
            return new ColumnKey(tableField.getTable().getName(), field.getName());
        }
        Name name = field.getQualifiedName();
        String table = name.parts().length >= 2 ? name.parts()[name.parts().length - 2].last() : "";
        return new ColumnKey(table, field.getName());
    }

    /** Whether the field is a column of {@code table} (by its unqualified name, as jOOQ's generated fields carry it). */
    public boolean belongsTo(Table<?> table) {
        return this.table.equals(table.getName());
    }

    @Override
    public String toString() {
        return table.isEmpty() ? column : table + "." + column;
    }
}
