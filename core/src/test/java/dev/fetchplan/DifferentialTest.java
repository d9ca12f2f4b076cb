package dev.fetchplan;

import static dev.fetchplan.shop.catalog.Tables.CATEGORIES;
import static dev.fetchplan.shop.catalog.Tables.DEPARTMENTS;
import static dev.fetchplan.shop.public_.Tables.CARTS;
import static dev.fetchplan.shop.public_.Tables.CUSTOMERS;
import static dev.fetchplan.shop.public_.Tables.PRODUCTS;
import static dev.fetchplan.shop.public_.Tables.STOCK;
import static dev.fetchplan.shop.public_.Tables.STOCK_MOVEMENTS;
import static dev.fetchplan.shop.public_.Tables.WAREHOUSES;
import static org.assertj.core.api.Assertions.fail;

import dev.fetchplan.shop.public_.Keys;
import dev.fetchplan.testing.TestDatabase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.ForeignKey;
import org.jooq.Record;
import org.jooq.SelectConditionStep;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.TableLike;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Random plans — depth 1 to 4, filters (some as named parameters), orders, per-parent and root limits, to-ones
 * (nested ones too), counts, many-to-many, composite keys, levels below joined rows — over random shop data: every
 * strategy must return what an oracle returns, which runs one plain jOOQ query per row and level (the N+1 way,
 * independent of the engine). {@code -Dfetchplan.differential.plans=N} sets how many plans (30 in the build; the
 * long run is {@code bin/differential}); {@code -Dfetchplan.differential.seed=S} replays the plan a failure names.
 */
class DifferentialTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migratedWith(Shop.MIGRATIONS);

    static final int PLANS = Integer.getInteger("fetchplan.differential.plans", 30);
    static final long REPLAY = Long.getLong("fetchplan.differential.seed", -1);
    static final int PLANS_PER_DATASET = 10;

    /** One mapped row of any node: its selected values, then per relation its children, joined row and count. */
    record Tree(List<Object> values, List<List<Tree>> children, List<Tree> joins, List<Long> counts) {
    }

    /** A relation a node can have: a to-many or to-one through a foreign key, or a many-to-many through a link table. */
    record Relation(ForeignKey<?, ?> key, ForeignKey<?, ?> toTarget) {
    }

    /** A node of a random plan: what both the engine and the oracle are given. */
    static final class Node {
        Table<?> table;
        Relation from;
        boolean join;
        List<Field<?>> columns = new ArrayList<>();
        Condition filter = DSL.noCondition();
        List<SortField<?>> order = new ArrayList<>();
        Integer limit;
        List<Node> children = new ArrayList<>();
        List<Node> joins = new ArrayList<>();
        List<ForeignKey<?, ?>> counts = new ArrayList<>();
        Object relation;
        List<Count> countObjects = new ArrayList<>();

        String describe() {
            StringBuilder text = new StringBuilder(table.getName());
            if (from != null) {
                text.append(join ? " (to-one via " : " (to-many via ").append(from.key().getName())
                        .append(from.toTarget() == null ? "" : " through " + from.toTarget().getName()).append(')');
            }
            text.append(" select ").append(columns.stream().map(Field::getName).toList());
            if (!filter.equals(DSL.noCondition())) {
                text.append(" where ").append(filter);
            }
            if (!order.isEmpty()) {
                text.append(" order ").append(order);
            }
            if (limit != null) {
                text.append(" limit ").append(limit);
            }
            counts.forEach(count -> text.append(" count ").append(count.getName()));
            children.forEach(child -> text.append(" [").append(child.describe()).append(']'));
            joins.forEach(joined -> text.append(" {").append(joined.describe()).append('}'));
            return text.toString();
        }
    }

    @Test
    void randomPlansReturnWhatTheOracleReturnsInEveryStrategy() {
        List<Long> seeds = new ArrayList<>();
        if (REPLAY >= 0) {
            seeds.add(REPLAY);
        } else {
            Random seeder = new Random(20261203L + PLANS);
            for (int i = 0; i < PLANS; i++) {
                seeds.add(seeder.nextLong() & Long.MAX_VALUE);
            }
        }
        int checked = 0;
        Map<String, Integer> features = new TreeMap<>();
        for (int i = 0; i < seeds.size(); i++) {
            long seed = seeds.get(i);
            if (REPLAY >= 0 || i % PLANS_PER_DATASET == 0) {
                ShopData.random(REPLAY >= 0 ? seed : seeds.get(i - i % PLANS_PER_DATASET)).insertInto(database.dsl());
            }
            Random random = new Random(seed);
            Node root = randomLevel(random, randomRoot(random), null, 0, 1 + random.nextInt(4));
            tally(root, features);
            FetchPlan<Tree> plan = plan(root);
            List<Tree> expected = oracle(database.dsl(), root, DSL.noCondition());
            for (FetchStrategy strategy : FetchStrategy.values()) {
                List<Tree> actual;
                try {
                    actual = plan.fetch(database.dsl(), strategy);
                } catch (RuntimeException failure) {
                    throw new AssertionError(report(seed, root, strategy) + " failed", failure);
                }
                if (!actual.equals(expected)) {
                    fail(report(seed, root, strategy) + "\n  oracle: " + expected + "\n  fetched: " + actual);
                }
            }
            checked++;
        }
        System.out.println("DifferentialTest: " + checked + " random plans, each in " + FetchStrategy.values().length
                + " strategies, equal to the oracle; plans with " + features);
    }

    /** Counts the plans that have each feature, to show what the random plans cover. */
    private static void tally(Node root, Map<String, Integer> features) {
        Set<String> seen = new TreeSet<>();
        collect(root, 1, false, seen);
        seen.forEach(feature -> features.merge(feature, 1, Integer::sum));
    }

    private static void collect(Node node, int depth, boolean underJoin, Set<String> seen) {
        seen.add("depth " + depth);
        if (!node.filter.equals(DSL.noCondition())) {
            seen.add("filter");
        }
        if (node.limit != null && node.from != null) {
            seen.add("limit per parent");
        }
        if (node.from != null && node.from.toTarget() != null) {
            seen.add("many-to-many");
        }
        if (node.from != null && node.from.key().getFields().size() > 1) {
            seen.add("composite key");
        }
        if (!node.counts.isEmpty()) {
            seen.add("count");
        }
        if (underJoin && !node.join) {
            seen.add("level under a to-one");
        }
        for (Node child : node.children) {
            collect(child, depth + 1, underJoin || node.join, seen);
        }
        for (Node joined : node.joins) {
            seen.add(underJoin || node.join ? "to-one of a to-one" : "to-one");
            collect(joined, depth, true, seen);
        }
    }

    private static String report(long seed, Node root, FetchStrategy strategy) {
        return "plan of seed " + seed + " with " + strategy + ": " + root.describe()
                + "\n  replay with -Dfetchplan.differential.seed=" + seed;
    }

    // The random plans.

    private static Table<?> randomRoot(Random random) {
        List<Table<?>> roots = List.of(DEPARTMENTS, CATEGORIES, WAREHOUSES, PRODUCTS, STOCK, STOCK_MOVEMENTS, CUSTOMERS, CARTS);
        return roots.get(random.nextInt(roots.size()));
    }

    /** A level (root when {@code from} is null) with up to {@code depth - 1} levels below it. */
    private static Node randomLevel(Random random, Table<?> table, Relation from, int nameSeed, int depth) {
        Node node = new Node();
        node.table = table;
        node.from = from;
        List<Table<?>> tables = from != null && from.toTarget() != null ? List.of(table, from.key().getTable()) : List.of(table);
        node.columns = randomColumns(random, tables);
        if (random.nextInt(3) > 0) {
            node.filter = randomFilter(random, tables.get(random.nextInt(tables.size())));
        }
        for (int i = random.nextInt(3); i > 0; i--) {
            Field<?> column = randomColumn(random, tables.get(random.nextInt(tables.size())));
            node.order.add(random.nextBoolean() ? column.asc() : column.desc());
        }
        node.limit = random.nextInt(3) == 0 ? null : 1 + random.nextInt(from == null ? 12 : 3);
        addRelations(random, node, depth);
        return node;
    }

    private static void addRelations(Random random, Node node, int depth) {
        if (depth > 1) {
            for (Relation relation : toMany(node.table)) {
                if (random.nextInt(3) == 0) {
                    Table<?> target = relation.toTarget() == null ? relation.key().getTable() : relation.toTarget().getKey().getTable();
                    node.children.add(randomLevel(random, target, relation, 0, depth - 1));
                }
            }
        }
        for (ForeignKey<?, ?> key : node.table.getReferences()) {
            if (random.nextInt(4) == 0) {
                Node joined = new Node();
                joined.table = key.getKey().getTable();
                joined.from = new Relation(key, null);
                joined.join = true;
                joined.columns = randomColumns(random, List.of(joined.table));
                addRelations(random, joined, depth - 1);
                node.joins.add(joined);
            }
        }
        for (Relation relation : toMany(node.table)) {
            if (relation.toTarget() == null && random.nextInt(4) == 0) {
                node.counts.add(relation.key());
            }
        }
    }

    /** The to-many relations from {@code table}: foreign keys that reference it, and many-to-many through stock. */
    private static List<Relation> toMany(Table<?> table) {
        List<Relation> relations = new ArrayList<>();
        for (Table<?> other : List.of(DEPARTMENTS, CATEGORIES, WAREHOUSES, PRODUCTS, STOCK, STOCK_MOVEMENTS, CUSTOMERS, CARTS)) {
            for (ForeignKey<?, ?> key : other.getReferences()) {
                if (key.getKey().getTable().equals(table)) {
                    relations.add(new Relation(key, null));
                }
            }
        }
        if (table.equals(WAREHOUSES)) {
            relations.add(new Relation(Keys.STOCK__STOCK_WAREHOUSE_ID_FKEY, Keys.STOCK__STOCK_PRODUCT_ID_FKEY));
        } else if (table.equals(PRODUCTS)) {
            relations.add(new Relation(Keys.STOCK__STOCK_PRODUCT_ID_FKEY, Keys.STOCK__STOCK_WAREHOUSE_ID_FKEY));
        }
        return relations;
    }

    private static List<Field<?>> randomColumns(Random random, List<Table<?>> tables) {
        List<Field<?>> columns = new ArrayList<>();
        for (Table<?> table : tables) {
            for (Field<?> column : table.fields()) {
                if (random.nextInt(3) > 0 && columns.stream().noneMatch(known -> known.getName().equals(column.getName()))) {
                    columns.add(column);
                }
            }
        }
        if (columns.isEmpty()) {
            columns.add(tables.get(0).fields()[0]);
        }
        return columns;
    }

    private static Field<?> randomColumn(Random random, Table<?> table) {
        return table.fields()[random.nextInt(table.fields().length)];
    }

    /** A predicate on one column of {@code table}; its value sometimes a named parameter. */
    @SuppressWarnings("unchecked")
    private static Condition randomFilter(Random random, Table<?> table) {
        Field<?> column = randomColumn(random, table);
        Class<?> type = column.getType();
        if (Number.class.isAssignableFrom(type) && type != java.math.BigDecimal.class) {
            Field<Number> number = (Field<Number>) column;
            long bound = random.nextInt(5) - 1;
            Object value = type == Short.class ? (Object) (short) bound : type == Integer.class ? (Object) (int) bound : (Object) bound;
            Field<Number> parameter = random.nextBoolean() ? DSL.val((Number) value, number.getDataType())
                    : DSL.param("p" + (random.nextLong() & Long.MAX_VALUE), (Number) value);
            return random.nextBoolean() ? number.gt(parameter) : number.ne(parameter);
        }
        if (type == String.class) {
            Field<String> text = (Field<String>) column;
            return random.nextBoolean() ? text.like((char) ('a' + random.nextInt(10)) + "%") : text.isNotNull();
        }
        return random.nextBoolean() ? column.isNotNull() : column.isNull();
    }

    // The engine's plan.

    private static FetchPlan<Tree> plan(Node root) {
        FetchPlan.Builder builder = FetchPlan.from(root.table).select(root.columns.toArray(Field<?>[]::new)).where(root.filter)
                .orderBy(root.order.toArray(SortField<?>[]::new));
        decorate(builder, root);
        if (root.limit != null) {
            builder.limit(root.limit);
        }
        return builder.map(row -> tree(row, root));
    }

    private static void decorate(NodeBuilder<?> builder, Node node) {
        for (Node child : node.children) {
            ToMany.Builder nested = child.from.toTarget() == null ? ToMany.via(child.from.key())
                    : ToMany.through(child.from.key(), child.from.toTarget());
            nested.select(child.columns.toArray(Field<?>[]::new)).where(child.filter).orderBy(child.order.toArray(SortField<?>[]::new));
            if (child.limit != null) {
                nested.limitPerParent(child.limit);
            }
            decorate(nested, child);
            ToMany<Tree> relation = nested.map(row -> tree(row, child));
            child.relation = relation;
            builder.include(relation);
        }
        for (Node joined : node.joins) {
            ToOne.Builder toOne = ToOne.via(joined.from.key()).select(joined.columns.toArray(Field<?>[]::new));
            decorate(toOne, joined);
            ToOne<Tree> relation = toOne.map(row -> tree(row, joined));
            joined.relation = relation;
            builder.join(relation);
        }
        node.countObjects = new ArrayList<>();
        for (ForeignKey<?, ?> key : node.counts) {
            Count count = Count.via(key);
            node.countObjects.add(count);
            builder.count(count);
        }
    }

    @SuppressWarnings("unchecked")
    private static Tree tree(FetchedRow row, Node node) {
        List<Object> values = node.columns.stream().map(column -> comparable(row.get(column))).toList();
        List<List<Tree>> children = node.children.stream().map(child -> row.get((ToMany<Tree>) child.relation)).toList();
        List<Tree> joins = node.joins.stream().map(joined -> row.get((ToOne<Tree>) joined.relation)).toList();
        List<Long> counts = node.countObjects.stream().map(row::get).toList();
        return new Tree(values, children, new ArrayList<>(joins), counts);
    }

    // The oracle: one plain query per row and level.

    @SuppressWarnings("unchecked")
    private static List<Tree> oracle(DSLContext dsl, Node node, Condition parent) {
        TableLike<?> from = node.from != null && node.from.toTarget() != null
                ? node.table.join(node.from.key().getTable()).on(matching(node.from.toTarget().getFields(), node.from.toTarget().getKeyFields()))
                : node.table;
        List<Field<?>> select = new ArrayList<>(node.columns);
        select.addAll(node.table.getPrimaryKey().getFields());
        for (Node child : node.children) {
            select.addAll(child.from.key().getKeyFields());
        }
        for (Node joined : node.joins) {
            select.addAll(joined.from.key().getFields());
        }
        for (ForeignKey<?, ?> key : node.counts) {
            select.addAll(key.getKeyFields());
        }
        List<SortField<?>> order = new ArrayList<>(node.order);
        node.table.getPrimaryKey().getFields().forEach(key -> order.add(key.asc()));
        if (node.from != null && node.from.toTarget() != null) {
            node.from.key().getTable().getPrimaryKey().getFields().forEach(key -> order.add(key.asc()));
        }
        SelectConditionStep<Record> query = dsl.select(select).from(from).where(node.filter).and(parent);
        List<Record> rows = node.limit == null ? query.orderBy(order).fetch() : query.orderBy(order).limit(node.limit).fetch();
        List<Tree> trees = new ArrayList<>();
        for (Record row : rows) {
            trees.add(oracleRow(dsl, node, row));
        }
        return trees;
    }

    private static Tree oracleRow(DSLContext dsl, Node node, Record row) {
        List<Object> values = node.columns.stream().map(column -> comparable(row.get(column))).toList();
        List<List<Tree>> children = new ArrayList<>();
        for (Node child : node.children) {
            children.add(oracle(dsl, child, equalTo(child.from.key().getFields(), child.from.key().getKeyFields(), row)));
        }
        List<Tree> joins = new ArrayList<>();
        for (Node joined : node.joins) {
            Condition target = equalTo(joined.from.key().getKeyFields(), joined.from.key().getFields(), row);
            Record found = dsl.select(oracleSelect(joined)).from(joined.table).where(target).fetchOne();
            joins.add(found == null ? null : oracleRow(dsl, joined, found));
        }
        List<Long> counts = new ArrayList<>();
        for (ForeignKey<?, ?> key : node.counts) {
            counts.add((long) dsl.fetchCount(key.getTable(), equalTo(key.getFields(), key.getKeyFields(), row)));
        }
        return new Tree(values, children, joins, counts);
    }

    private static List<Field<?>> oracleSelect(Node joined) {
        List<Field<?>> select = new ArrayList<>(joined.columns);
        for (Node child : joined.children) {
            select.addAll(child.from.key().getKeyFields());
        }
        for (Node next : joined.joins) {
            select.addAll(next.from.key().getFields());
        }
        for (ForeignKey<?, ?> key : joined.counts) {
            select.addAll(key.getKeyFields());
        }
        return select;
    }

    /** A value that compares by content: arrays become lists. */
    private static Object comparable(Object value) {
        if (value instanceof Object[] array) {
            return Arrays.stream(array).map(DifferentialTest::comparable).toList();
        }
        return value;
    }

    /** {@code columns[i] = row's value of others[i]}, a NULL never matching. */
    @SuppressWarnings("unchecked")
    private static Condition equalTo(List<? extends Field<?>> columns, List<? extends Field<?>> others, Record row) {
        Condition condition = DSL.noCondition();
        for (int i = 0; i < columns.size(); i++) {
            Object value = row.get(others.get(i));
            condition = condition.and(value == null ? DSL.falseCondition() : ((Field<Object>) columns.get(i)).eq(value));
        }
        return condition;
    }

    @SuppressWarnings("unchecked")
    private static Condition matching(List<? extends Field<?>> left, List<? extends Field<?>> right) {
        Condition condition = DSL.noCondition();
        for (int i = 0; i < left.size(); i++) {
            condition = condition.and(((Field<Object>) left.get(i)).eq((Field<Object>) right.get(i)));
        }
        return condition;
    }
}
