package dev.fetchplan;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jooq.Field;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.UniqueKey;

/**
 * The declarations every to-many level shares (root or nested): columns, key, order, nested relations.
 * Each method checks its arguments and names the one that is wrong.
 */
abstract class LevelBuilder<B extends LevelBuilder<B>> {

    final Table<?> table;
    private List<Field<?>> columns;
    private Field<?> key;
    private List<SortField<?>> order = List.of();
    private final List<ToMany<?>> children = new ArrayList<>();
    private final List<ToOne<?>> joins = new ArrayList<>();
    private final List<Count> counts = new ArrayList<>();

    LevelBuilder(Table<?> table) {
        this.table = Objects.requireNonNull(table, "table");
    }

    abstract B self();

    /** The columns of this level's table that the mapper reads with {@link Row#get(Field)}. */
    public B select(Field<?>... columns) {
        this.columns = Columns.checkSelectable(columns, table);
        return self();
    }

    /**
     * The column that identifies a row uniquely; it ends every ordering as the tiebreak. Defaults to the
     * table's single-column primary key.
     */
    public B key(Field<?> column) {
        this.key = Columns.checkBelongs(column, table, "key");
        return self();
    }

    /** The order of this level's rows (per parent, for nested levels); the key is appended as tiebreak. */
    public B orderBy(SortField<?>... order) {
        Objects.requireNonNull(order, "order");
        for (SortField<?> field : order) {
            Objects.requireNonNull(field, "order");
            Columns.checkBelongs(field.$field(), table, "order");
        }
        this.order = List.of(order);
        return self();
    }

    /** Nested to-many levels: each row gets its children as a list. */
    public B include(ToMany<?>... relations) {
        for (ToMany<?> relation : Objects.requireNonNull(relations, "relations")) {
            Objects.requireNonNull(relation, "relations");
            Columns.checkBelongs(relation.parentKey(), table, "relations' parent key");
            if (children.contains(relation)) {
                throw new IllegalArgumentException("relations includes the same ToMany twice; allowed: each relation once per level");
            }
            children.add(relation);
        }
        return self();
    }

    /** To-one relations joined into this level: each row gets the referenced row as a value. */
    public B join(ToOne<?>... relations) {
        for (ToOne<?> relation : Objects.requireNonNull(relations, "relations")) {
            Objects.requireNonNull(relation, "relations");
            Columns.checkBelongs(relation.link(), table, "relations' link column");
            if (joins.contains(relation)) {
                throw new IllegalArgumentException("relations joins the same ToOne twice; allowed: each relation once per level");
            }
            joins.add(relation);
        }
        return self();
    }

    /** Child-row counts computed in this level's statement: each row gets them with {@link Row#get(Count)}. */
    public B count(Count... counts) {
        for (Count count : Objects.requireNonNull(counts, "counts")) {
            Objects.requireNonNull(count, "counts");
            Columns.checkBelongs(count.parentKey(), table, "counts' parent key");
            this.counts.add(count);
        }
        return self();
    }

    LevelSpec spec(Function<? super Row, ?> mapper) {
        Objects.requireNonNull(mapper, "mapper");
        if (columns == null) {
            throw new IllegalArgumentException("columns are not selected; call select(...) with the columns of " + table.getName());
        }
        return new LevelSpec(table, columns, key == null ? primaryKey() : key, order, List.copyOf(children), List.copyOf(joins),
                List.copyOf(counts), mapper);
    }

    private Field<?> primaryKey() {
        UniqueKey<?> primaryKey = table.getPrimaryKey();
        if (primaryKey == null || primaryKey.getFields().size() != 1) {
            throw new IllegalArgumentException("key is not set and " + table.getName()
                    + " has no single-column primary key; call key(...) with a unique column");
        }
        return primaryKey.getFields().get(0);
    }
}
