package dev.fetchplan;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jooq.Field;
import org.jooq.ForeignKey;
import org.jooq.Name;
import org.jooq.Table;
import org.jooq.TableField;

/** Argument checks shared by the plan builders: columns must exist, belong to their table and be distinct. */
final class Columns {

    private Columns() {
    }

    /**
     * Checks that {@code column} is a column of {@code table}: a generated {@link TableField} of it, or a
     * field named {@code table.column} (for tables jOOQ did not generate). Expressions such as
     * {@code lower(name)} are not columns and are rejected here rather than failing in SQL later.
     */
    static <F extends Field<?>> F checkBelongs(F column, Table<?> table, String parameter) {
        Objects.requireNonNull(column, parameter);
        String owner;
        if (column instanceof TableField<?, ?> tableField) {
            owner = tableField.getTable().getQualifiedName().equals(table.getQualifiedName()) ? table.getName() : tableField.getTable().getName();
        } else {
            Name name = column.getQualifiedName();
            owner = name.parts().length >= 2 ? name.parts()[name.parts().length - 2].last() : "";
        }
        if (!owner.equals(table.getName())) {
            throw new IllegalArgumentException(parameter + " is " + (owner.isEmpty() ? column.toString() : owner + "." + column.getName())
                    + "; allowed: a column of " + table.getName());
        }
        return column;
    }

    /** Relations follow single-column foreign keys; composite keys are refused with a clear message. */
    static void checkSingleColumn(ForeignKey<?, ?> foreignKey) {
        Objects.requireNonNull(foreignKey, "foreignKey");
        if (foreignKey.getFields().size() != 1) {
            throw new IllegalArgumentException("foreignKey " + foreignKey.getName() + " has " + foreignKey.getFields().size()
                    + " columns; allowed: a single-column foreign key");
        }
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
