package dev.fetchplan;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * A typed tree of levels — a root table, its {@link ToMany} children (nested to any depth) and {@link ToOne}
 * joins — that fetches a page of root rows with everything below them and maps each row to an immutable value.
 * The number of statements is a property of the plan, never of the data: {@link FetchStrategy#MULTISET} runs
 * one, {@link FetchStrategy#BATCHED} one per to-many level. Immutable and thread-safe.
 *
 * <pre>{@code
 * FetchPlan<UserWithPosts> plan = FetchPlan.from(USERS)
 *         .select(USERS.ID, USERS.NAME)
 *         .where(USERS.ID.gt(after))
 *         .orderBy(USERS.ID.asc())
 *         .limit(20)
 *         .include(posts)
 *         .map(row -> new UserWithPosts(row.get(USERS.ID), row.get(USERS.NAME), row.get(posts)));
 * List<UserWithPosts> page = plan.fetch(dsl, FetchStrategy.BATCHED);
 * }</pre>
 */
public final class FetchPlan<T> {

    private final LevelSpec root;
    private final Condition where;
    private final int limit;

    private FetchPlan(LevelSpec root, Condition where, int limit) {
        this.root = root;
        this.where = where;
        this.limit = limit;
    }

    /** Starts a plan whose root rows come from {@code table}. */
    public static Builder from(Table<?> table) {
        return new Builder(table);
    }

    /**
     * Runs the plan and returns the mapped root rows in the root order, each carrying its relations. Runs
     * {@link #statements(FetchStrategy)} statements at most; BATCHED skips a level whose parents are all
     * absent, since there is nothing to ask.
     */
    public List<T> fetch(DSLContext dsl, FetchStrategy strategy) {
        Objects.requireNonNull(dsl, "dsl");
        checkStrategy(strategy);
        Level level = Level.resolve(root, where, limit);
        DSLContext budgeted = StatementBudget.apply(dsl, statements(strategy));
        @SuppressWarnings("unchecked")
        List<T> rows = (List<T>) switch (strategy) {
            case MULTISET -> MultisetFetch.fetch(budgeted, level);
            case BATCHED -> BatchedFetch.fetch(budgeted, level);
        };
        return rows;
    }

    /** The most statements a fetch with {@code strategy} runs: 1 for MULTISET, one per to-many level for BATCHED. */
    public int statements(FetchStrategy strategy) {
        checkStrategy(strategy);
        return strategy == FetchStrategy.MULTISET ? 1 : root.levelCount();
    }

    private static void checkStrategy(FetchStrategy strategy) {
        if (strategy == null) {
            throw new IllegalArgumentException("strategy is null; allowed: " + List.of(FetchStrategy.values()));
        }
    }

    /** Declares a {@link FetchPlan}; finish with {@link #map(Function)}. */
    public static final class Builder extends LevelBuilder<Builder> {
        private Condition where = DSL.noCondition();
        private int limit = Integer.MAX_VALUE;

        private Builder(Table<?> table) {
            super(table);
        }

        @Override
        Builder self() {
            return this;
        }

        /** Which root rows to fetch; may use the root table's columns as generated (not aliased). */
        public Builder where(Condition condition) {
            this.where = Objects.requireNonNull(condition, "condition");
            return this;
        }

        /** At most {@code limit} root rows, in the declared order (a page). */
        public Builder limit(int limit) {
            if (limit < 1) {
                throw new IllegalArgumentException("limit is " + limit + "; allowed: 1 or more");
            }
            this.limit = limit;
            return this;
        }

        /** Finishes the plan: each root row becomes {@code mapper.apply(row)}. */
        public <T> FetchPlan<T> map(Function<? super Row, ? extends T> mapper) {
            return new FetchPlan<>(spec(mapper), where, limit);
        }
    }
}
