package dev.fetchplan.internal.fetch;

import dev.fetchplan.FetchStrategy;
import dev.fetchplan.internal.plan.Bindings;
import dev.fetchplan.internal.plan.Plan;
import dev.fetchplan.internal.sql.QueryCache;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Param;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Runs a resolved plan with a strategy. Each plan shape's SQL is rendered once per rendering context and then
 * only bound ({@link QueryCache}); the plan's default shapes are compiled when the engine is made, so a plan
 * whose SQL cannot be built fails when it is declared, not on its first fetch. Thread-safe.
 */
public final class Engine {

    private final Plan plan;
    private final String name;
    private final QueryCache cache = new QueryCache();
    private final MultisetFetch multiset;
    private final BatchedFetch batched;
    private final StackedFetch stacked;

    public Engine(Plan plan, Bindings declared, String name) {
        this.plan = plan;
        this.name = name;
        this.multiset = new MultisetFetch(plan);
        this.batched = new BatchedFetch(plan);
        this.stacked = new StackedFetch(plan, multiset.sql());
        QueryCache.Queries queries = cache.of(DSL.using(SQLDialect.POSTGRES).configuration());
        multiset.compile(queries, declared);
        batched.compile(queries, declared);
        stacked.compile(queries, declared);
    }

    public Plan plan() {
        return plan;
    }

    /** The plan's name: given, or its tables. */
    public String name() {
        return name;
    }

    /**
     * Checks that every named parameter of the plan has a bound or a declared value, before anything is sent.
     *
     * @throws IllegalArgumentException naming the first parameter without one
     */
    public void checkBound(Bindings bindings) {
        for (Map.Entry<String, Param<?>> parameter : plan.parameters().entrySet()) {
            if (!bindings.isBound(parameter.getKey()) && parameter.getValue().getValue() == null) {
                throw new IllegalArgumentException("parameter " + parameter.getKey() + " has no value; bind one with "
                        + "plan.bind(parameter, value) (null too must be bound explicitly)");
            }
        }
    }

    /**
     * Runs the plan, whose bindings were checked ({@link #checkBound}): renders (or reuses) its SQL for {@code dsl}'s
     * dialect and Settings and executes it on {@code executing} ({@code dsl} with the fetch's own listeners).
     */
    public List<Object> fetch(DSLContext dsl, DSLContext executing, FetchStrategy strategy, Bindings bindings) {
        QueryCache.Queries queries = cache.of(dsl.configuration());
        return switch (strategy) {
            case MULTISET -> multiset.fetch(executing, queries, bindings);
            case BATCHED -> batched.fetch(executing, queries, bindings);
            case STACKED -> stacked.fetch(executing, queries, bindings);
            case AUTO -> throw new IllegalArgumentException("AUTO is resolved to a strategy before the engine runs");
        };
    }
}
