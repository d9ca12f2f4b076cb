package dev.fetchplan;

import static dev.fetchplan.shop.catalog.Keys.CATEGORIES__CATEGORIES_PARENT_ID_FKEY;
import static dev.fetchplan.shop.catalog.Tables.CATEGORIES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fetchplan.testing.TestDatabase;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;
import org.jooq.Param;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A filter on a nested level (a tree of categories in a non-public schema, nested under itself): it keeps only
 * the matching children, before their order and per-parent limit, with its values bound as parameters.
 */
class NestedFilterTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migratedWith(Shop.MIGRATIONS);

    record Node(int id, String name, List<Node> children) {
    }

    static final Param<String> EXCLUDED_PREFIX = DSL.param("excludedPrefix", "none");

    static final ToMany<Node> GRANDCHILDREN = ToMany.via(CATEGORIES__CATEGORIES_PARENT_ID_FKEY)
            .select(CATEGORIES.ID, CATEGORIES.NAME)
            .where(CATEGORIES.NAME.ne("cd9"))
            .orderBy(CATEGORIES.NAME.asc())
            .map(row -> new Node(row.get(CATEGORIES.ID), row.get(CATEGORIES.NAME), List.of()));

    static final ToMany<Node> CHILDREN = ToMany.via(CATEGORIES__CATEGORIES_PARENT_ID_FKEY)
            .select(CATEGORIES.ID, CATEGORIES.NAME)
            .where(CATEGORIES.NAME.notLike(DSL.concat(EXCLUDED_PREFIX, DSL.inline("%"))))
            .orderBy(CATEGORIES.NAME.desc())
            .limitPerParent(2)
            .include(GRANDCHILDREN)
            .map(row -> new Node(row.get(CATEGORIES.ID), row.get(CATEGORIES.NAME), row.get(GRANDCHILDREN)));

    static final FetchPlan<Node> ROOTS = FetchPlan.from(CATEGORIES)
            .select(CATEGORIES.ID, CATEGORIES.NAME)
            .where(CATEGORIES.PARENT_ID.isNull())
            .orderBy(CATEGORIES.ID.asc())
            .include(CHILDREN)
            .map(row -> new Node(row.get(CATEGORIES.ID), row.get(CATEGORIES.NAME), row.get(CHILDREN)));

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void aNestedFilterKeepsMatchingChildrenBeforeTheirOrderAndLimitInEveryStrategy(long seed) {
        ShopData data = ShopData.random(seed);
        data.insertInto(database.dsl());
        String excluded = "c" + (char) ('a' + seed % 4);
        FetchPlan<Node> plan = ROOTS.bind(EXCLUDED_PREFIX, excluded);

        for (FetchStrategy strategy : FetchStrategy.values()) {
            List<String> statements = database.statementsDuring(() ->
                    assertThat(plan.fetch(database.dsl(), strategy)).as(strategy.name()).isEqualTo(expected(data, excluded, 2)));
            assertThat(statements).as(strategy.name()).hasSizeBetween(1, plan.statements(strategy))
                    .noneMatch(sql -> sql.contains("'" + excluded) || sql.contains("'cd9'"));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {7, 8})
    void perFetchLimitsOverrideTheDeclaredOnesWithTheSameFilter(long seed) {
        ShopData data = ShopData.random(seed);
        data.insertInto(database.dsl());
        FetchPlan<Node> allChildren = ROOTS.bind(EXCLUDED_PREFIX, "ca").limitPerParent(CHILDREN, OptionalInt.empty());
        FetchPlan<Node> oneChild = ROOTS.bind(EXCLUDED_PREFIX, "ca").limitPerParent(CHILDREN, 1);

        for (FetchStrategy strategy : FetchStrategy.values()) {
            assertThat(allChildren.fetch(database.dsl(), strategy)).as(strategy.name()).isEqualTo(expected(data, "ca", 0));
            assertThat(oneChild.fetch(database.dsl(), strategy)).as(strategy.name()).isEqualTo(expected(data, "ca", 1));
        }
    }

    /** Roots by id; children not starting with {@code excluded}, by name descending (then id), at most {@code limit}. */
    private static List<Node> expected(ShopData data, String excluded, int limit) {
        return ShopData.select(data.categories, category -> category.parentId() == null, Comparator.comparing(ShopData.Category::id), 0)
                .stream()
                .map(root -> new Node(root.id(), root.name(), ShopData.select(data.categories,
                                child -> Integer.valueOf(root.id()).equals(child.parentId()) && !child.name().startsWith(excluded),
                                Comparator.comparing(ShopData.Category::name).reversed().thenComparing(ShopData.Category::id), limit)
                        .stream()
                        .map(child -> new Node(child.id(), child.name(), ShopData.select(data.categories,
                                        grandchild -> Integer.valueOf(child.id()).equals(grandchild.parentId()) && !grandchild.name().equals("cd9"),
                                        Comparator.comparing(ShopData.Category::name).thenComparing(ShopData.Category::id), 0)
                                .stream().map(grandchild -> new Node(grandchild.id(), grandchild.name(), List.of())).toList()))
                        .toList()))
                .toList();
    }
}
