package dev.fetchplan;

import dev.fetchplan.internal.plan.ColumnKey;
import dev.fetchplan.internal.plan.Visits;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.ForeignKey;
import org.jooq.Param;
import org.jooq.QueryPart;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.UniqueKey;
import org.jooq.VisitContext;
import org.jooq.impl.SQLDataType;

/** Argument checks shared by the plan builders; each names the argument that is wrong and what is allowed. */
final class Declarations {

    private Declarations() {
    }

    static ColumnKey key(Field<?> column, String parameter) {
        return ColumnKey.of(Objects.requireNonNull(column, parameter));
    }

    /**
     * Checks that {@code column} is a column of one of {@code tables}: a generated field of it, or a field named
     * {@code table.column} (for tables jOOQ did not generate). Expressions such as {@code lower(name)} are not
     * columns and are rejected here rather than failing in SQL later.
     */
    static <F extends Field<?>> F checkBelongs(F column, List<Table<?>> tables, String parameter) {
        ColumnKey key = key(column, parameter);
        if (tables.stream().noneMatch(key::belongsTo)) {
            throw new IllegalArgumentException(parameter + " is " + key + "; allowed: a column of " + names(tables));
        }
        return column;
    }

    static <F extends Field<?>> F checkBelongs(F column, Table<?> table, String parameter) {
        return checkBelongs(column, List.of(table), parameter);
    }

    /** One or more distinct columns of {@code tables}. */
    static List<Field<?>> checkSelectable(Field<?>[] columns, List<Table<?>> tables, String parameter) {
        if (columns == null || columns.length == 0) {
            throw new IllegalArgumentException(parameter + " is empty; allowed: one or more columns of " + names(tables));
        }
        Set<ColumnKey> seen = new HashSet<>();
        for (Field<?> column : columns) {
            if (!seen.add(key(checkBelongs(column, tables, parameter), parameter))) {
                throw new IllegalArgumentException(parameter + " names " + ColumnKey.of(column) + " twice; allowed: each column once");
            }
        }
        return List.of(columns);
    }

    /**
     * A relation's two column lists: {@code link} of {@code linkTable}, {@code key} of {@code keyTable} (when
     * known), as many of each, matched by position.
     */
    static void checkLink(List<? extends Field<?>> link, Table<?> linkTable, List<? extends Field<?>> key, Table<?> keyTable,
                          String linkName, String keyName) {
        Objects.requireNonNull(link, linkName);
        Objects.requireNonNull(key, keyName);
        if (link.isEmpty() || link.size() != key.size()) {
            throw new IllegalArgumentException(linkName + " has " + link.size() + " column(s) and " + keyName + " " + key.size()
                    + "; allowed: as many of each, one or more, matched by position");
        }
        link.forEach(column -> checkBelongs(column, linkTable, linkName));
        if (keyTable != null) {
            key.forEach(column -> checkBelongs(column, keyTable, keyName));
        }
    }

    static ForeignKey<?, ?> checkForeignKey(ForeignKey<?, ?> foreignKey, String parameter) {
        Objects.requireNonNull(foreignKey, parameter);
        if (foreignKey.getFields().isEmpty() || foreignKey.getFields().size() != foreignKey.getKeyFields().size()) {
            throw new IllegalArgumentException(parameter + " " + foreignKey.getName() + " has no usable columns; allowed: a foreign "
                    + "key from generated code, whose columns match the key it references");
        }
        return foreignKey;
    }

    /** The primary key of {@code table}, or an IllegalArgumentException telling to name the key. */
    static List<Field<?>> primaryKey(Table<?> table) {
        UniqueKey<?> primaryKey = table.getPrimaryKey();
        if (primaryKey == null || primaryKey.getFields().isEmpty()) {
            throw new IllegalArgumentException("key is not set and " + table.getName()
                    + " has no primary key; call key(...) with columns that identify a row");
        }
        return List.copyOf(primaryKey.getFields());
    }

    /**
     * Checks that {@code key} are the columns of a unique key of {@code table}, where the table declares keys (a
     * table built by hand declares none: then the caller vouches for uniqueness, as documented on ToOne.of).
     */
    static void checkUnique(Table<?> table, List<? extends Field<?>> key, String parameter) {
        if (table.getKeys().isEmpty()) {
            return;
        }
        Set<ColumnKey> wanted = key.stream().map(ColumnKey::of).collect(Collectors.toSet());
        boolean unique = table.getKeys().stream().anyMatch(declared -> declared.getFields().stream()
                .map(ColumnKey::of).collect(Collectors.toSet()).equals(wanted));
        if (!unique) {
            throw new IllegalArgumentException(parameter + " is " + key.stream().map(ColumnKey::of).toList()
                    + "; allowed: the columns of a primary or unique key of " + table.getName());
        }
    }

    /**
     * Checks that {@code condition} reads only columns of {@code tables} (it is evaluated inside the level's own
     * derived table, where no other table is in scope), except inside its subqueries, which may use any table.
     * jOOQ renders the condition once here and reports every column it visits.
     */
    static Condition checkFilter(Condition condition, List<Table<?>> tables, String parameter) {
        Objects.requireNonNull(condition, parameter);
        Set<ColumnKey> outside = new LinkedHashSet<>();
        Visits.of(condition, context -> {
            if (context.queryPart() instanceof Field<?> field && !(field instanceof Param<?>) && !insideSubquery(context)) {
                ColumnKey key = ColumnKey.of(field);
                if (!key.table().isEmpty() && tables.stream().noneMatch(key::belongsTo)) {
                    outside.add(key);
                }
            }
        });
        if (!outside.isEmpty()) {
            throw new IllegalArgumentException(parameter + " uses " + outside + "; allowed: columns of " + names(tables)
                    + " (a subquery in the condition may use any table)");
        }
        return condition;
    }

    private static boolean insideSubquery(VisitContext context) {
        QueryPart[] enclosing = context.queryParts();
        for (int i = 0; i < enclosing.length - 1; i++) {
            if (enclosing[i] instanceof Select<?>) {
                return true;
            }
        }
        return false;
    }

    /**
     * Checks that a parent key column has an SQL type BATCHED can send as an array: a column declared as
     * {@code SQLDataType.OTHER} names none, where jOOQ's generated code names the real one (even an extension's).
     */
    static Field<?> checkKeyType(Field<?> column, String parameter) {
        if (column.getDataType().getSQLDataType() == SQLDataType.OTHER) {
            throw new IllegalArgumentException(parameter + " " + ColumnKey.of(column) + " is declared as SQLDataType.OTHER; allowed: "
                    + "a column whose DataType names its SQL type (as jOOQ generates it), since parent keys travel as an array of it");
        }
        return column;
    }

    static String names(List<Table<?>> tables) {
        List<String> names = new ArrayList<>();
        tables.forEach(table -> names.add(table.getName()));
        return String.join(" or ", names);
    }
}
