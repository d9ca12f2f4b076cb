package dev.fetchplan;

import dev.fetchplan.internal.plan.ChildSpec;
import dev.fetchplan.internal.plan.CountSpec;
import dev.fetchplan.internal.plan.JoinSpec;
import dev.fetchplan.internal.plan.NodeSpec;
import dev.fetchplan.internal.plan.Through;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * What the builders of {@link FetchPlan}, {@link ToMany} and {@link ToOne} collect for one node, each value
 * checked when it is given. A level (root or to-many) also has a key, an order and a filter; a joined node does
 * not. Not thread-safe: it belongs to its builder.
 */
final class NodeDeclaration {

    private final Table<?> table;
    private final Optional<Through> through;
    private final List<Table<?>> tables;
    private List<Field<?>> columns;
    private List<Field<?>> key;
    private List<SortField<?>> order = List.of();
    private Condition filter = DSL.noCondition();
    private final List<ChildSpec> children = new ArrayList<>();
    private final List<JoinSpec> joins = new ArrayList<>();
    private final List<CountSpec> counts = new ArrayList<>();

    NodeDeclaration(Table<?> table, Optional<Through> through) {
        this.table = Objects.requireNonNull(table, "table");
        this.through = through;
        this.tables = through.<List<Table<?>>>map(link -> List.of(table, link.table())).orElse(List.of(table));
    }

    void select(Field<?>... columns) {
        this.columns = Declarations.checkSelectable(columns, tables, "columns");
    }

    void key(Field<?>... columns) {
        this.key = Declarations.checkSelectable(columns, tables, "key");
    }

    void orderBy(SortField<?>... order) {
        Objects.requireNonNull(order, "order");
        for (SortField<?> field : order) {
            Declarations.checkBelongs(Objects.requireNonNull(field, "order").$field(), tables, "order");
        }
        this.order = List.of(order);
    }

    void where(Condition... conditions) {
        Objects.requireNonNull(conditions, "conditions");
        for (Condition condition : conditions) {
            filter = filter.and(Declarations.checkFilter(condition, tables, "conditions"));
        }
    }

    void include(ToMany<?>... relations) {
        for (ToMany<?> relation : Objects.requireNonNull(relations, "relations")) {
            Objects.requireNonNull(relation, "relations");
            for (Field<?> column : relation.spec().parentKey()) {
                Declarations.checkKeyType(Declarations.checkBelongs(column, tables, "relations' parent key"), "relations' parent key");
            }
            if (children.stream().anyMatch(child -> child.relation() == relation)) {
                throw new IllegalArgumentException("relations includes the same ToMany twice; allowed: each relation once per level");
            }
            children.add(relation.spec());
        }
    }

    void join(ToOne<?>... relations) {
        for (ToOne<?> relation : Objects.requireNonNull(relations, "relations")) {
            Objects.requireNonNull(relation, "relations");
            relation.spec().link().forEach(column -> Declarations.checkBelongs(column, tables, "relations' link column"));
            if (joins.stream().anyMatch(join -> join.relation() == relation)) {
                throw new IllegalArgumentException("relations joins the same ToOne twice; allowed: each relation once per level");
            }
            joins.add(relation.spec());
        }
    }

    void count(Count... counts) {
        for (Count count : Objects.requireNonNull(counts, "counts")) {
            Objects.requireNonNull(count, "counts");
            count.spec().parentKey().forEach(column -> Declarations.checkBelongs(column, tables, "counts' parent key"));
            if (this.counts.stream().anyMatch(declared -> declared.relation() == count)) {
                throw new IllegalArgumentException("counts declares the same Count twice; allowed: each count once per level");
            }
            this.counts.add(count.spec());
        }
    }

    /** The level's node: its key defaults to the table's primary key (and, for a many-to-many, the link table's). */
    NodeSpec level(Function<? super FetchedRow, ?> mapper) {
        List<Field<?>> levelKey = key;
        if (levelKey == null) {
            levelKey = new ArrayList<>(Declarations.primaryKey(table));
            if (through.isPresent() && through.get().table().getPrimaryKey() != null) {
                levelKey.addAll(through.get().table().getPrimaryKey().getFields());
            }
        }
        return spec(List.copyOf(levelKey), order, filter, mapper);
    }

    /** A joined node: no key, order or filter of its own. */
    NodeSpec joined(Function<? super FetchedRow, ?> mapper) {
        return spec(List.of(), List.of(), DSL.noCondition(), mapper);
    }

    private NodeSpec spec(List<Field<?>> key, List<SortField<?>> order, Condition filter, Function<? super FetchedRow, ?> mapper) {
        Objects.requireNonNull(mapper, "mapper");
        if (columns == null) {
            throw new IllegalArgumentException("columns are not selected; call select(...) with the columns of " + Declarations.names(tables));
        }
        return new NodeSpec(table, through, columns, key, order, filter, List.copyOf(children), List.copyOf(joins),
                List.copyOf(counts), mapper);
    }
}
