package dev.fetchplan;

import dev.fetchplan.internal.fetch.OpenTransaction;
import dev.fetchplan.internal.value.RowBudget;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConnectionProvider;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one fetch (or a caller's read, {@link FetchPolicy#read}) under the {@link FetchPolicy} of its DSLContext:
 * with a deadline, a row budget and at most one retry after a lost connection, each attempt with a fresh statement
 * budget. Without a policy the fetch runs as it is, at no cost.
 */
final class FetchRun {

    private static final Logger LOG = LoggerFactory.getLogger(FetchRun.class);
    /** How long a fetch that lost its connection waits before it runs once more. */
    static final Duration RETRY_PAUSE = Duration.ofMillis(100);
    /** The server terminated the session (administrator, crash of another backend, shutdown, idle session timeout). */
    private static final Set<String> TERMINATED = Set.of("57P01", "57P02", "57P03", "57P05");

    private final DSLContext dsl;
    private final String plan;
    private final UnaryOperator<DSLContext> perAttempt;
    private final FetchPolicy policy;
    private final Optional<Deadline> deadline;

    private FetchRun(DSLContext dsl, String plan, UnaryOperator<DSLContext> perAttempt, FetchPolicy policy) {
        this.dsl = dsl;
        this.plan = plan;
        this.perAttempt = perAttempt;
        this.policy = policy;
        long started = System.nanoTime();
        this.deadline = policy.timeout().map(timeout -> new Deadline(plan, timeout, started));
    }

    /**
     * {@code fetch} applied to {@code dsl} as each attempt executes it (its own listeners added), under the policy of
     * {@code dsl}; each attempt of a plan that declares at most {@code statements} statements is held to them.
     */
    static <R> R run(DSLContext dsl, FetchObserver.Fetch facts, int statements, Function<DSLContext, R> fetch) {
        return run(dsl, facts, attempt -> StatementBudget.apply(attempt, statements), fetch);
    }

    /**
     * Like {@link #run(DSLContext, FetchObserver.Fetch, int, Function)}, each attempt's DSLContext prepared by
     * {@code budget}; observed if the configuration has a {@link FetchObserver}.
     */
    static <R> R run(DSLContext dsl, FetchObserver.Fetch facts, UnaryOperator<DSLContext> budget, Function<DSLContext, R> fetch) {
        String plan = facts.plan();
        UnaryOperator<DSLContext> perAttempt = attempt -> SqlComment.apply(budget.apply(attempt), plan);
        if (dsl.configuration().data(FetchObserver.KEY) instanceof FetchObserver observer) {
            // Counted last, so a statement the deadline or the budget refused is not counted as sent.
            return observer.observe(facts, counts -> runUnderPolicy(dsl, plan, attempt -> counted(perAttempt.apply(attempt), counts), fetch));
        }
        return runUnderPolicy(dsl, plan, perAttempt, fetch);
    }

    private static <R> R runUnderPolicy(DSLContext dsl, String plan, UnaryOperator<DSLContext> perAttempt, Function<DSLContext, R> fetch) {
        FetchPolicy policy = FetchPolicy.of(dsl.configuration());
        if (policy == FetchPolicy.NONE) {
            return fetch.apply(perAttempt.apply(dsl));
        }
        return new FetchRun(dsl, plan, perAttempt, policy).run(fetch);
    }

    /** {@code dsl}, counting the statements it sends and the rows read into {@code counts}. */
    private static DSLContext counted(DSLContext dsl, FetchObserver.Counts counts) {
        Configuration configuration = dsl.configuration().deriveAppending(new DefaultExecuteListenerProvider(new ExecuteListener() {
            @Override
            public void executeStart(ExecuteContext context) {
                counts.statementSent();
            }
        }));
        configuration.data(RowBudget.COUNTED, counts);
        return DSL.using(configuration);
    }

    private <R> R run(Function<DSLContext, R> fetch) {
        Attempt first = new Attempt();
        try {
            return first.run(fetch);
        } catch (RuntimeException failure) {
            if (!first.retryable(failure)) {
                throw reported(failure);
            }
            LOG.warn("Fetch of plan {} lost its connection ({}); running it once more on a fresh connection", plan, failure.getMessage());
            if (!pauseBeforeRetry()) {
                throw reported(failure);
            }
            try {
                return new Attempt().run(fetch);
            } catch (RuntimeException again) {
                again.addSuppressed(failure);
                throw reported(again);
            }
        }
    }

    /**
     * Waits {@link #RETRY_PAUSE} (at most half the time left before the deadline); false if interrupted: a server terminates many sessions at once (a restart,
     * a failover, an operator) by signalling each, and a connection that still answered a pool's validation a moment ago
     * may be one of them; after the pause they are gone and the pool hands out a live one.
     */
    private boolean pauseBeforeRetry() {
        long pause = deadline.map(Deadline::nanosLeft).map(left -> Math.min(left / 2, RETRY_PAUSE.toNanos())).orElse(RETRY_PAUSE.toNanos());
        try {
            Thread.sleep(Duration.ofNanos(Math.max(0, pause)));
            return true;
        } catch (InterruptedException e) {
            // Interrupted: no retry; the caller gets the lost connection, and the flag stays set.
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The failure as the caller sees it: a crossed budget, or a fetch the deadline stopped, named with the plan; any
     * other failure (a pool's own timeout, a server error) as it is, even if it came after the deadline.
     */
    private RuntimeException reported(RuntimeException failure) {
        if (failure instanceof FetchTimeoutException) {
            return failure;
        }
        if (failure instanceof RowBudget.Exceeded) {
            return new RowBudgetExceededException(plan, policy.maxRows().getAsLong(), failure);
        }
        if (deadline.isPresent() && deadline.get().acted()) {
            return deadline.get().failure(failure);
        }
        return failure;
    }

    /** One execution of the fetch, with its own row budget and statement budget. */
    private final class Attempt {
        private boolean connected;
        private boolean outsideTransaction;

        <R> R run(Function<DSLContext, R> fetch) {
            Configuration attempt = deadline.isPresent()
                    ? dsl.configuration().deriveAppending(new DefaultExecuteListenerProvider(deadline.get()))
                    : dsl.configuration().derive();
            policy.maxRows().ifPresent(max -> attempt.data(RowBudget.KEY, new RowBudget(max)));
            if (!policy.retriesOnConnectionLoss()) {
                return fetch.apply(perAttempt.apply(DSL.using(attempt)));
            }
            return DSL.using(attempt).connectionResult(connection -> {
                connected = true;
                // Without pgjdbc a BEGIN sent in autocommit mode cannot be seen: then no retry.
                outsideTransaction = connection.getAutoCommit() && OpenTransaction.on(connection).equals(Optional.of(false));
                DSLContext bound = DSL.using(attempt.derive(new DefaultConnectionProvider(connection)));
                return fetch.apply(perAttempt.apply(bound));
            });
        }

        /** Whether the fetch lost the connection it had, outside the caller's transactions, with time left. */
        boolean retryable(RuntimeException failure) {
            return policy.retriesOnConnectionLoss() && connected && outsideTransaction && lostConnection(failure)
                    && deadline.map(Deadline::hasTimeLeft).orElse(true);
        }
    }

    private static boolean lostConnection(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || TERMINATED.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
