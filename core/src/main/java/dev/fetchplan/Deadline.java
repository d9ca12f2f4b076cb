package dev.fetchplan;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds a fetch to its {@link FetchPolicy#timeout(Duration)}: a statement that would start after the deadline is
 * not sent, and one running at the deadline is cancelled (JDBC {@code Statement.cancel}, which PostgreSQL answers
 * with SQLSTATE 57014); if it is still running {@link #ABORT_AFTER} later (the server or the network does not
 * answer), its connection is aborted, which ends the wait for the socket. Cancels and aborts run on virtual
 * threads of their own, as either may block on the network. Belongs to one fetch; the timer is shared.
 */
final class Deadline implements ExecuteListener {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(Deadline.class);
    /** How long a cancelled statement may take to stop before its connection is aborted. */
    static final Duration ABORT_AFTER = Duration.ofSeconds(1);
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private final String plan;
    private final Duration timeout;
    private final long deadline;
    private volatile boolean expired;
    private volatile Statement running;
    private ScheduledFuture<?> pending;

    Deadline(String plan, Duration timeout, long startNanos) {
        this.plan = plan;
        this.timeout = timeout;
        this.deadline = startNanos + timeout.toNanos();
    }

    /** Whether the deadline passed while a statement of the fetch ran, or before one could start. */
    boolean expired() {
        return expired || System.nanoTime() - deadline >= 0;
    }

    FetchTimeoutException failure(Throwable cause) {
        return new FetchTimeoutException(plan, timeout, cause);
    }

    @Override
    public void executeStart(ExecuteContext context) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            expired = true;
            throw failure(null);
        }
        Statement statement = context.statement();
        Connection connection = context.connection();
        running = statement;
        pending = TIMER.schedule(() -> expire(statement, connection), remaining, TimeUnit.NANOSECONDS);
    }

    @Override
    public void executeEnd(ExecuteContext context) {
        stopped();
    }

    @Override
    public void exception(ExecuteContext context) {
        stopped();
    }

    private void stopped() {
        running = null;
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }

    private void expire(Statement statement, Connection connection) {
        if (running != statement) {
            return;
        }
        expired = true;
        Thread.ofVirtual().name("fetchplan-cancel").start(() -> {
            try {
                statement.cancel();
            } catch (SQLException | RuntimeException e) {
                LOG.debug("Cancelling a statement of plan {} failed", plan, e);
            }
        });
        TIMER.schedule(() -> abortIfRunning(statement, connection), ABORT_AFTER.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void abortIfRunning(Statement statement, Connection connection) {
        if (running != statement) {
            return;
        }
        LOG.warn("A statement of plan {} did not stop within {} ms of its cancel; aborting its connection", plan, ABORT_AFTER.toMillis());
        Thread.ofVirtual().name("fetchplan-abort").start(() -> {
            try {
                connection.abort(Runnable::run);
            } catch (SQLException | RuntimeException e) {
                LOG.warn("Aborting the connection of plan {} failed", plan, e);
            }
        });
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "fetchplan-timeout");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
