package dev.fetchplan.internal.plan;

import dev.fetchplan.FetchedRow;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.SortField;
import org.jooq.Table;

/**
 * One node of a plan as declared: a root or nested level (with key, order and filter) or a joined to-one row
 * (without them), its selected columns, its relations and its mapper. Validated by the public builders.
 *
 * @param table the table the node's rows come from
 * @param through for a many-to-many level, the link table joined to {@code table}
 * @param columns the columns the mapper reads (of {@code table}, or of the link table)
 * @param key the columns that identify a row within its parent: the final tiebreak of the order (empty for joins)
 * @param order the declared order (empty for joins)
 * @param filter which rows the level keeps ({@code noCondition()} when all)
 */
public record NodeSpec(
        Table<?> table,
        Optional<Through> through,
        List<Field<?>> columns,
        List<Field<?>> key,
        List<SortField<?>> order,
        Condition filter,
        List<ChildSpec> children,
        List<JoinSpec> joins,
        List<CountSpec> counts,
        Function<? super FetchedRow, ?> mapper) {

    /** The tables whose columns this node may select: its table and, for a many-to-many level, the link table. */
    public List<Table<?>> tables() {
        return through.<List<Table<?>>>map(link -> List.of(table, link.table())).orElse(List.of(table));
    }
}
