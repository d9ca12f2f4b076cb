package dev.fetchplan.internal.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectConditionStep;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.TableLike;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * One table reference of the generated SQL: a derived table that selects from the user's table (joined to the
 * link table for a many-to-many level) exactly the columns the plan needs, named {@code c0}, {@code c1}, ...,
 * and keeps the rows the node's filter keeps. Everything outside refers to it by an alias of fetchplan's own,
 * so the user's names — schema-qualified, mapped by jOOQ's RenderMapping, or a table that happens to be called
 * {@code t1} — only ever appear inside it, rendered by jOOQ from the user's objects, and a filter written with
 * generated columns works at any level. PostgreSQL pulls such a derived table up into the query around it.
 * Columns are registered while the plan is resolved; immutable afterwards.
 */
public final class Source {

    private final String alias;
    private final Table<?> table;
    private final Optional<Through> through;
    private final Condition filter;
    private final List<Field<?>> columns = new ArrayList<>();
    private final Map<ColumnKey, Integer> positions = new HashMap<>();

    Source(String alias, Table<?> table, Optional<Through> through, Condition filter) {
        this.alias = alias;
        this.table = table;
        this.through = through;
        this.filter = filter;
    }

    /** Registers a column the plan reads from this source (once, however often it is added). */
    void add(Field<?> column) {
        positions.computeIfAbsent(ColumnKey.of(column), key -> {
            columns.add(column);
            return columns.size() - 1;
        });
    }

    void addAll(List<Field<?>> columns) {
        columns.forEach(this::add);
    }

    public String alias() {
        return alias;
    }

    /** The user's table's name, unqualified. */
    public String tableName() {
        return table.getName();
    }

    /** A registered column as seen from outside: {@code alias.cN}, typed as the user's field (converter included). */
    public <T> Field<T> column(Field<T> column) {
        Integer position = positions.get(ColumnKey.of(column));
        if (position == null) {
            throw new IllegalStateException(ColumnKey.of(column) + " was not registered with " + alias + "; this is a fetchplan bug");
        }
        return DSL.field(DSL.name(alias, "c" + position), column.getDataType());
    }

    public List<Field<?>> columns(List<Field<?>> columns) {
        return columns.stream().<Field<?>>map(this::column).toList();
    }

    /** {@code (SELECT ... FROM table WHERE filter) AS alias}. */
    public Table<?> derived() {
        return select().asTable(alias);
    }

    /**
     * {@code LATERAL (SELECT * FROM (SELECT ... FROM table WHERE filter) AS alias_row WHERE key = outer LIMIT 1) AS
     * alias}: the one row whose {@code key} (registered columns of this source) equals {@code outer} (columns of
     * sources before it), found by an index lookup per outer row. The user's table stays inside a derived table
     * of its own here too, so a table named like one of fetchplan's aliases cannot shadow {@code outer}. When
     * {@code ordered}, the row is the first by all registered columns' text: the same one whatever the plan, should
     * the key not be unique.
     */
    public Table<?> lookup(List<Field<?>> key, List<Field<?>> outer, boolean ordered) {
        Table<?> row = select().asTable(alias + "_row");
        List<Field<?>> rowColumns = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            rowColumns.add(DSL.field(DSL.name(row.getName(), "c" + i), columns.get(i).getDataType()).as("c" + i));
        }
        List<Field<?>> rowKey = new ArrayList<>(key.size());
        for (Field<?> column : key) {
            rowKey.add(DSL.field(DSL.name(row.getName(), "c" + positions.get(ColumnKey.of(column))), column.getDataType()));
        }
        List<SortField<?>> order = new ArrayList<>();
        if (ordered) {
            for (int i = 0; i < columns.size(); i++) {
                // By their text: every type has one, where json, point or xml have no order of their own.
                order.add(DSL.cast(DSL.field(DSL.name(row.getName(), "c" + i)), SQLDataType.CLOB).asc());
            }
        }
        return DSL.lateral(DSL.select(rowColumns).from(row).where(matching(rowKey, outer)).orderBy(order).limit(DSL.inline(1)))
                .as(alias);
    }

    private SelectConditionStep<Record> select() {
        List<Field<?>> aliased = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            aliased.add(columns.get(i).as("c" + i));
        }
        TableLike<?> from = through.<TableLike<?>>map(link -> table.join(link.table()).on(matching(link.targetKey(), link.link())))
                .orElse(table);
        return DSL.select(aliased).from(from).where(filter);
    }

    /** {@code left[0] = right[0] AND left[1] = right[1] ...}. */
    @SuppressWarnings("unchecked")
    public static Condition matching(List<Field<?>> left, List<Field<?>> right) {
        Condition condition = DSL.noCondition();
        for (int i = 0; i < left.size(); i++) {
            condition = condition.and(((Field<Object>) left.get(i)).eq((Field<Object>) right.get(i)));
        }
        return condition;
    }
}
