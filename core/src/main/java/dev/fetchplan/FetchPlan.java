package dev.fetchplan;

import dev.fetchplan.internal.fetch.Engine;
import dev.fetchplan.internal.plan.Bindings;
import dev.fetchplan.internal.plan.Level;
import dev.fetchplan.internal.plan.Plan;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.Param;
import org.jooq.Table;

/**
 * A typed tree of levels — a root table, its {@link ToMany} children (nested to any depth, filtered, limited per
 * parent), {@link ToOne} joins and {@link Count}s — that fetches root rows with everything below them and maps
 * each row to an immutable value. The number of statements is a property of the plan, never of the data:
 * {@link FetchStrategy#MULTISET} runs one, {@link FetchStrategy#BATCHED} one per to-many level.
 *
 * <p>Declare a plan once (a {@code static final} constant) and bind what changes per fetch: values of the named
 * parameters in its conditions ({@code DSL.param("after", 0L)}), the page size, per-parent limits. Its SQL is
 * rendered once per plan shape and reused. Immutable and thread-safe: {@link #bind}, {@link #limit} and
 * {@link #limitPerParent} return new plans sharing the compiled SQL.
 *
 * <pre>{@code
 * static final Param<Long> AFTER = DSL.param("after", 0L);
 * static final FetchPlan<UserWithPosts> USERS_WITH_POSTS = FetchPlan.from(USERS)
 *         .select(USERS.ID, USERS.NAME)
 *         .where(USERS.ID.gt(AFTER))
 *         .orderBy(USERS.ID.asc())
 *         .limit(20)
 *         .include(POSTS)
 *         .map(row -> new UserWithPosts(row.get(USERS.ID), row.get(USERS.NAME), row.get(POSTS)));
 *
 * List<UserWithPosts> page = USERS_WITH_POSTS.bind(AFTER, lastSeenId).fetch(dsl, FetchStrategy.BATCHED);
 * }</pre>
 */
public final class FetchPlan<T> {

    /**
     * The key under which a jOOQ {@link Configuration}'s {@code data} says whether fetches append their plan's name to
     * every statement as a comment (sqlcommenter style, {@code /*fetchplan_plan='users(posts)'*}{@code /}), so that
     * {@code pg_stat_statements} and logs attribute each statement to its plan:
     * {@code dsl.configuration().data(FetchPlan.SQL_COMMENT, true)}. Off by default.
     */
    public static final String SQL_COMMENT = "dev.fetchplan.sqlComment";

    private final Engine engine;
    private final Bindings bindings;

    private FetchPlan(Engine engine, Bindings bindings) {
        this.engine = engine;
        this.bindings = bindings;
    }

    /** Starts a plan whose root rows come from {@code table}. */
    public static Builder from(Table<?> table) {
        return new Builder(table);
    }

    /**
     * {@link #fetch(DSLContext, FetchStrategy)} with {@link FetchStrategy#AUTO}: the strategy the DSLContext's
     * configuration names as its default ({@link FetchStrategy#DEFAULT}), else the one AUTO picks.
     */
    public List<T> fetch(DSLContext dsl) {
        return fetch(dsl, FetchStrategy.AUTO);
    }

    /**
     * Runs the plan and returns the mapped root rows in the root order, each carrying its relations. Runs at
     * most {@link #statements(FetchStrategy)} statements; BATCHED skips a level whose parents are all absent.
     *
     * The DSLContext's {@link FetchPolicy} (none by default) bounds its time and rows and may retry it once on a
     * fresh connection.
     *
     * @throws IllegalArgumentException     before any statement is sent, if {@code strategy} is null or a named
     *                                      parameter has no value
     * @throws FetchTimeoutException        if the fetch ran past the policy's timeout
     * @throws RowBudgetExceededException   if it would return more rows than the policy's budget
     */
    @SuppressWarnings("unchecked")
    public List<T> fetch(DSLContext dsl, FetchStrategy strategy) {
        Objects.requireNonNull(dsl, "dsl");
        checkStrategy(strategy);
        FetchStrategy chosen = strategy.resolve(engine.plan().levels().size(), bindings.limit(), dsl.configuration());
        engine.checkBound(bindings);
        return (List<T>) FetchRun.run(dsl, new FetchObserver.Fetch(engine.name(), chosen.name(), engine.plan().levels().size()), statements(chosen),
                executing -> engine.fetch(dsl, executing, chosen, bindings));
    }

    /**
     * Every root row from {@code from} on, with everything below it, as a lazy stream read in keyset chunks of this
     * plan's {@link #limit} roots: each chunk is one fetch (the plan's statements, no more) with {@code after} bound to
     * the cursor of the previous chunk's last root ({@code cursor} of its mapped value), so memory holds one chunk, not
     * the stream. The plan's root order must be the cursor's ascending order and its conditions must keep only roots
     * past {@code after} (as {@code where(USERS.ID.gt(AFTER)).orderBy(USERS.ID.asc())} does). Each chunk reads its own
     * snapshot; run the stream inside a REPEATABLE READ transaction of yours for one snapshot over all chunks. Close
     * the stream (or consume it) on the thread that reads it; the DSLContext's {@link FetchPolicy} bounds each chunk.
     *
     * @throws IllegalArgumentException before any statement, if the plan has no limit, {@code after} is not a parameter
     *                                  of it, or {@code strategy} is null
     */
    public <K> Stream<T> stream(DSLContext dsl, FetchStrategy strategy, Param<K> after, K from, Function<? super T, ? extends K> cursor) {
        Objects.requireNonNull(dsl, "dsl");
        checkStrategy(strategy);
        Objects.requireNonNull(cursor, "cursor");
        if (bindings.limit() == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("this plan has no limit; allowed: a plan with limit(n), n roots per chunk");
        }
        bind(after, from);
        Spliterator<T> chunks = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL) {
            private Iterator<T> chunk = Collections.emptyIterator();
            private K position = from;
            private boolean last;

            @Override
            public boolean tryAdvance(Consumer<? super T> action) {
                while (!chunk.hasNext()) {
                    if (last) {
                        return false;
                    }
                    chunk = Collections.emptyIterator();
                    List<T> roots = bind(after, position).fetch(dsl, strategy);
                    last = roots.size() < bindings.limit();
                    if (!roots.isEmpty()) {
                        K next = cursor.apply(roots.get(roots.size() - 1));
                        if (Objects.equals(next, position)) {
                            throw new IllegalStateException("the cursor did not advance past " + next + " after a chunk of plan "
                                    + name() + "; the plan's order and its condition on " + after.getParamName() + " must agree");
                        }
                        position = next;
                    }
                    chunk = roots.iterator();
                }
                action.accept(chunk.next());
                return true;
            }
        };
        return StreamSupport.stream(chunks, false);
    }

    /**
     * The plan's name, as errors, logs and SQL comments give it: the one given to {@link Builder#named}, else its
     * tables as a tree of its to-many levels, such as {@code users(posts(comments))}.
     */
    public String name() {
        return engine.name();
    }

    /**
     * The most statements a fetch with {@code strategy} runs: 1 for MULTISET and STACKED, one per to-many level
     * for BATCHED and AUTO.
     */
    public int statements(FetchStrategy strategy) {
        checkStrategy(strategy);
        return engine.plan().statements(strategy);
    }

    /**
     * This plan with {@code value} for the named parameter {@code parameter} (a {@code DSL.param} used in one of its
     * conditions); {@code null} is a value.
     *
     * @throws IllegalArgumentException if the plan has no parameter of that name, or the value is not of its type
     */
    public <V> FetchPlan<T> bind(Param<V> parameter, V value) {
        Objects.requireNonNull(parameter, "parameter");
        String name = parameter.getParamName();
        Param<?> declared = name == null ? null : engine.plan().parameters().get(name);
        if (declared == null) {
            throw new IllegalArgumentException("parameter is " + (name == null ? "unnamed" : name) + "; allowed: a named parameter of "
                    + "this plan's conditions " + engine.plan().parameters().keySet());
        }
        if (value != null && !declared.getType().isInstance(value)) {
            throw new IllegalArgumentException("value of parameter " + name + " is a " + value.getClass().getName()
                    + "; allowed: a " + declared.getType().getName() + " or null");
        }
        return new FetchPlan<>(engine, bindings.withParameter(name, value));
    }

    /** This plan with at most {@code limit} root rows (the page size). */
    public FetchPlan<T> limit(int limit) {
        return new FetchPlan<>(engine, bindings.withLimit(checkLimit(limit, "limit")));
    }

    /** This plan with only the first {@code limit} children of each parent for {@code relation}, wherever it is included. */
    public FetchPlan<T> limitPerParent(ToMany<?> relation, int limit) {
        return limitPerParent(relation, OptionalInt.of(limit));
    }

    /** Like {@link #limitPerParent(ToMany, int)}, or all children when {@code limit} is empty. */
    public FetchPlan<T> limitPerParent(ToMany<?> relation, OptionalInt limit) {
        Objects.requireNonNull(relation, "relation");
        Objects.requireNonNull(limit, "limit");
        limit.ifPresent(value -> checkLimit(value, "limit"));
        List<Level> levels = engine.plan().levelsOf(relation);
        if (levels.isEmpty()) {
            throw new IllegalArgumentException("relation is not included in this plan; allowed: a ToMany included at some level of it");
        }
        return new FetchPlan<>(engine, bindings.withLimitPerParent(levels, limit));
    }

    private static int checkLimit(int limit, String parameter) {
        if (limit < 1) {
            throw new IllegalArgumentException(parameter + " is " + limit + "; allowed: 1 or more");
        }
        return limit;
    }

    private static void checkStrategy(FetchStrategy strategy) {
        if (strategy == null) {
            throw new IllegalArgumentException("strategy is null; allowed: " + List.of(FetchStrategy.values()));
        }
    }

    /** Declares a {@link FetchPlan}; finish with {@link #map(Function)}. Not thread-safe. */
    public static final class Builder extends LevelBuilder<Builder> {
        private int limit = Integer.MAX_VALUE;
        private String name;

        private Builder(Table<?> table) {
            super(new NodeDeclaration(table, Optional.empty()));
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * Names the plan in errors, logs and SQL comments (default: its tables, such as {@code users(posts(comments))}):
         * 1 to 200 characters, none of them a control character.
         */
        public Builder named(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank() || name.length() > 200 || name.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("name is '" + name + "'; allowed: 1 to 200 characters, not blank, no control characters");
            }
            this.name = name;
            return this;
        }

        /** At most {@code limit} root rows, in the declared order (a page); {@link FetchPlan#limit} changes it per fetch. */
        public Builder limit(int limit) {
            this.limit = checkLimit(limit, "limit");
            return this;
        }

        /**
         * Finishes the plan: each root row becomes {@code mapper.apply(row)}. The plan's SQL is built and checked
         * now, so a plan that cannot run fails here.
         */
        public <T> FetchPlan<T> map(Function<? super FetchedRow, ? extends T> mapper) {
            Plan plan = Plan.resolve(node.level(mapper));
            Bindings declared = Bindings.declared(plan, limit);
            return new FetchPlan<>(new Engine(plan, declared, name == null ? plan.name() : name), declared);
        }
    }
}
