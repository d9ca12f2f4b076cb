package dev.fetchplan;

import java.util.Objects;
import org.jooq.Field;
import org.jooq.ForeignKey;
import org.jooq.Table;

/**
 * The number of child rows pointing at each row of a level (e.g. each post's comment count), computed by the
 * database in the level's own statement: no child row is loaded and no statement is added. Immutable and
 * thread-safe.
 */
public final class Count {

    private final Table<?> table;
    private final Field<?> link;
    private final Field<?> parentKey;

    private Count(Table<?> table, Field<?> link, Field<?> parentKey) {
        this.table = table;
        this.link = link;
        this.parentKey = parentKey;
    }

    /** Counts the rows of the foreign key's table that reference each row (single-column keys). */
    public static Count via(ForeignKey<?, ?> foreignKey) {
        Columns.checkSingleColumn(foreignKey);
        return new Count(foreignKey.getTable(), foreignKey.getFields().get(0), foreignKey.getKeyFields().get(0));
    }

    /** Counts the rows of {@code table} whose {@code link} column equals the level's {@code parentKey} column. */
    public static Count of(Table<?> table, Field<?> link, Field<?> parentKey) {
        Objects.requireNonNull(table, "table");
        return new Count(table, Columns.checkBelongs(link, table, "link"), Objects.requireNonNull(parentKey, "parentKey"));
    }

    Table<?> table() {
        return table;
    }

    Field<?> link() {
        return link;
    }

    Field<?> parentKey() {
        return parentKey;
    }
}
