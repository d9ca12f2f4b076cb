package dev.fetchplan;

import java.util.List;
import java.util.function.Function;
import org.jooq.Field;
import org.jooq.SortField;
import org.jooq.Table;

/**
 * What a user declared for one level of a plan: the table, the columns to select, the unique key used as
 * the final tiebreak, the order, the relations and the mapper. Immutable; validated by {@link LevelBuilder}.
 */
record LevelSpec(
        Table<?> table,
        List<Field<?>> columns,
        Field<?> key,
        List<SortField<?>> order,
        List<ToMany<?>> children,
        List<ToOne<?>> joins,
        List<Count> counts,
        Function<? super Row, ?> mapper) {

    /** How many statements BATCHED needs for this level and everything below it. */
    int levelCount() {
        return 1 + children.stream().mapToInt(child -> child.spec().levelCount()).sum();
    }
}
