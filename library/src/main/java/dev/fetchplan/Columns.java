package dev.fetchplan;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.TableField;

/** Argument checks shared by the plan builders: columns must exist, belong to their table and be distinct. */
final class Columns {

    private Columns() {
    }

    static <F extends Field<?>> F checkBelongs(F column, Table<?> table, String parameter) {
        Objects.requireNonNull(column, parameter);
        if (column instanceof TableField<?, ?> tableField && !tableField.getTable().getQualifiedName().equals(table.getQualifiedName())) {
            throw new IllegalArgumentException(parameter + " is " + tableField.getTable().getName() + "." + column.getName()
                    + "; allowed: a column of " + table.getName());
        }
        return column;
    }

    static List<Field<?>> checkSelectable(Field<?>[] columns, Table<?> table) {
        if (columns == null || columns.length == 0) {
            throw new IllegalArgumentException("columns is empty; allowed: one or more columns of " + table.getName());
        }
        Set<String> names = new HashSet<>();
        for (Field<?> column : columns) {
            checkBelongs(column, table, "columns");
            if (!names.add(column.getName())) {
                throw new IllegalArgumentException("columns names " + column.getName() + " twice; allowed: each column of "
                        + table.getName() + " once");
            }
        }
        return List.of(columns);
    }

    static String names(List<? extends Field<?>> columns) {
        return String.join(", ", columns.stream().map(Field::getName).toList());
    }
}
