package dev.fetchplan;

import dev.fetchplan.internal.plan.CountSpec;
import java.util.List;
import java.util.Objects;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.ForeignKey;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The number of child rows pointing at each row of a level (e.g. each post's comment count), computed by the
 * database in the level's own statement: no child row is loaded and no statement is added. Immutable and
 * thread-safe.
 */
public final class Count {

    private final CountSpec spec;

    private Count(Table<?> table, List<Field<?>> link, List<Field<?>> parentKey, Condition filter) {
        this.spec = new CountSpec(this, table, link, parentKey, filter);
    }

    /** Counts the rows of the foreign key's table that reference each row (any number of columns). */
    public static Count via(ForeignKey<?, ?> foreignKey) {
        Declarations.checkForeignKey(foreignKey, "foreignKey");
        return new Count(foreignKey.getTable(), List.copyOf(foreignKey.getFields()), List.copyOf(foreignKey.getKeyFields()),
                DSL.noCondition());
    }

    /** Counts the rows of {@code table} whose {@code link} column equals the level's {@code parentKey} column. */
    public static Count of(Table<?> table, Field<?> link, Field<?> parentKey) {
        return of(table, List.of(Objects.requireNonNull(link, "link")), List.of(Objects.requireNonNull(parentKey, "parentKey")));
    }

    /** Counts the rows of {@code table} whose {@code link} columns equal the level's {@code parentKey} columns, by position. */
    public static Count of(Table<?> table, List<? extends Field<?>> link, List<? extends Field<?>> parentKey) {
        Objects.requireNonNull(table, "table");
        Declarations.checkLink(link, table, parentKey, null, "link", "parentKey");
        return new Count(table, List.copyOf(link), List.copyOf(parentKey), DSL.noCondition());
    }

    /** A count of only the rows matching {@code conditions} (AND-ed), written with the counted table's columns. */
    public Count where(Condition... conditions) {
        Objects.requireNonNull(conditions, "conditions");
        Condition filter = spec.filter();
        for (Condition condition : conditions) {
            filter = filter.and(Declarations.checkFilter(condition, List.of(spec.table()), "conditions"));
        }
        return new Count(spec.table(), spec.link(), spec.parentKey(), filter);
    }

    CountSpec spec() {
        return spec;
    }
}
