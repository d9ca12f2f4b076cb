package dev.fetchplan;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Bounds and recovery for every fetch run through a {@link DSLContext}: a timeout per fetch, a budget of rows per
 * fetch, and a retry when the connection is lost. {@link #NONE} (no timeout, no budget, no retry) unless applied:
 * {@code DSLContext bounded = FetchPolicy.NONE.timeout(Duration.ofSeconds(5)).maxRows(100_000).applyTo(dsl)}.
 * Immutable and thread-safe.
 *
 * <ul>
 *   <li>{@link #timeout(Duration)}: a fetch that runs longer is cancelled (its running statement is cancelled by the
 *       server and, if the server does not answer within a second, its connection is aborted) and fails with
 *       {@link FetchTimeoutException}. It counts from the start of the fetch, over all its statements and a retry;
 *       a statement due after the deadline is not sent. Not covered: waiting for a pooled connection (the pool's own
 *       timeout bounds it, and its failure is reported as it is), a snapshot's own COMMIT or ROLLBACK, catalog
 *       lookups pgjdbc makes for types it does not know, and decoding in Java.</li>
 *   <li>{@link #maxRows(long)}: rows across all levels (root rows, every nested row; a nested list shared by parents
 *       with the same key counts once in BATCHED and STACKED, once per parent in MULTISET); a fetch that would return
 *       more fails with {@link RowBudgetExceededException}. BATCHED and STACKED ask the server for at most one row
 *       past the budget, so the driver holds at most the budget plus one row; MULTISET counts nested rows as it
 *       decodes each root row. A smaller {@code Settings.maxRows} of the configuration still applies.</li>
 *   <li>{@link #retryOnConnectionLoss(boolean)}: a fetch whose connection was lost (SQLSTATE class 08, or 57P01 to
 *       57P03 and 57P05: the server terminated the session) runs once more, whole, after a pause of 100 ms (a server
 *       terminating many sessions at once has then done so), on a connection newly taken from
 *       the DSLContext's provider (a provider of one connection gives the same one back) — only when the fetch ran
 *       outside any transaction of the caller (autocommit, and pgjdbc reports no transaction open; without pgjdbc
 *       that cannot be known, so there is no retry), since a caller's transaction cannot be resumed elsewhere. A
 *       fetch returns its result only when complete, so no part of a failed attempt ever reached the caller; its
 *       mappers may have run, and run again.</li>
 * </ul>
 */
public final class FetchPolicy {

    /** No timeout, no row budget, no retry: what a fetch does on a DSLContext without a policy. */
    public static final FetchPolicy NONE = new FetchPolicy(Optional.empty(), OptionalLong.empty(), false);

    /** The key under which a jOOQ {@link Configuration}'s {@code data} holds the policy; see {@link #applyTo}. */
    public static final String KEY = "dev.fetchplan.fetchPolicy";

    private final Optional<Duration> timeout;
    private final OptionalLong maxRows;
    private final boolean retryOnConnectionLoss;

    private FetchPolicy(Optional<Duration> timeout, OptionalLong maxRows, boolean retryOnConnectionLoss) {
        this.timeout = timeout;
        this.maxRows = maxRows;
        this.retryOnConnectionLoss = retryOnConnectionLoss;
    }

    /** The longest timeout a policy takes. */
    public static final Duration MAX_TIMEOUT = Duration.ofDays(7);

    /** This policy with fetches cancelled after {@code timeout} (1 ms to {@link #MAX_TIMEOUT}). */
    public FetchPolicy timeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.compareTo(Duration.ofMillis(1)) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("timeout is " + timeout + "; allowed: 1 ms to " + MAX_TIMEOUT);
        }
        return new FetchPolicy(Optional.of(timeout), maxRows, retryOnConnectionLoss);
    }

    /** This policy with fetches failing once they would return more than {@code maxRows} rows over all levels (1 or more). */
    public FetchPolicy maxRows(long maxRows) {
        if (maxRows < 1 || maxRows == Long.MAX_VALUE) {
            throw new IllegalArgumentException("maxRows is " + maxRows + "; allowed: 1 to " + (Long.MAX_VALUE - 1));
        }
        return new FetchPolicy(timeout, OptionalLong.of(maxRows), retryOnConnectionLoss);
    }

    /** This policy with a fetch that lost its connection run once more on a fresh one (or not). */
    public FetchPolicy retryOnConnectionLoss(boolean retry) {
        return new FetchPolicy(timeout, maxRows, retry);
    }

    public Optional<Duration> timeout() {
        return timeout;
    }

    public OptionalLong maxRows() {
        return maxRows;
    }

    public boolean retriesOnConnectionLoss() {
        return retryOnConnectionLoss;
    }

    /** {@code dsl} with this policy for every fetch run through it (a derived DSLContext; {@code dsl} is unchanged). */
    public DSLContext applyTo(DSLContext dsl) {
        Objects.requireNonNull(dsl, "dsl");
        Configuration derived = dsl.configuration().derive();
        derived.data(KEY, this);
        return DSL.using(derived);
    }

    /**
     * Runs {@code read} — a read of the caller's own (an aggregate, a lookup) that only reads, and so may run twice
     * — under the policy of {@code dsl} as a fetch runs: within its timeout, and once more on a fresh connection if
     * the connection is lost outside the caller's transaction. {@code read} must send its statements through the
     * DSLContext it is given. The row budget counts the rows of fetch plans only; {@code name} names the read in
     * errors and logs.
     */
    public static <R> R read(DSLContext dsl, String name, Function<DSLContext, ? extends R> read) {
        Objects.requireNonNull(dsl, "dsl");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(read, "read");
        return FetchRun.run(dsl, new FetchObserver.Fetch(name, "read", 0), UnaryOperator.identity(), read::apply);
    }

    /**
     * The policy of fetches run with {@code configuration}: the one applied to it, else {@link #NONE}.
     *
     * @throws IllegalArgumentException if the configuration's data holds something else under {@link #KEY}
     */
    public static FetchPolicy of(Configuration configuration) {
        Object policy = configuration.data(KEY);
        if (policy == null) {
            return NONE;
        }
        if (policy instanceof FetchPolicy fetchPolicy) {
            return fetchPolicy;
        }
        throw new IllegalArgumentException("configuration data " + KEY + " is " + policy + " (" + policy.getClass().getName()
                + "); allowed: a dev.fetchplan.FetchPolicy, set with FetchPolicy.applyTo(dsl)");
    }

    @Override
    public String toString() {
        return "FetchPolicy[timeout=" + timeout.map(Duration::toString).orElse("none")
                + ", maxRows=" + (maxRows.isPresent() ? Long.toString(maxRows.getAsLong()) : "none")
                + ", retryOnConnectionLoss=" + retryOnConnectionLoss + "]";
    }
}
