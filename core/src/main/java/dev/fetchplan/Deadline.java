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
 * threads of their own, as either may block on the network. Each statement is watched on its own (a caller's read
 * may run several at once). A timer that fires in the instant between {@code executeStart} and the driver sending
 * the statement finds nothing to cancel; the abort a second later still ends it. Belongs to one fetch; the timer
 * is shared.
 */
final class Deadline implements ExecuteListener {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(Deadline.class);
    /** How long a cancelled statement may take to stop before its connection is aborted. */
    static final Duration ABORT_AFTER = Duration.ofSeconds(1);
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private static final String WATCH = Deadline.class.getName() + ".watch";

    private final String plan;
    private final Duration timeout;
    private final long deadline;
    private volatile boolean acted;

    Deadline(String plan, Duration timeout, long startNanos) {
        this.plan = plan;
        this.timeout = timeout;
        this.deadline = startNanos + timeout.toNanos();
    }

    /** Whether time is left before the deadline. */
    boolean hasTimeLeft() {
        return nanosLeft() > 0;
    }

    long nanosLeft() {
        return deadline - System.nanoTime();
    }

    /** Whether the deadline stopped the fetch: a statement refused unsent, or one cancelled while it ran. */
    boolean acted() {
        return acted;
    }

    FetchTimeoutException failure(Throwable cause) {
        return new FetchTimeoutException(plan, timeout, cause);
    }

    /** One statement being watched; its own state, so statements run concurrently by a caller's read do not mix. */
    private final class Watch {
        private final Statement statement;
        private final Connection connection;
        private volatile boolean finished;
        private volatile ScheduledFuture<?> timer;

        Watch(Statement statement, Connection connection) {
            this.statement = statement;
            this.connection = connection;
        }

        void expire() {
            if (finished) {
                return;
            }
            acted = true;
            Thread.ofVirtual().name("fetchplan-cancel").start(() -> {
                try {
                    statement.cancel();
                } catch (SQLException | RuntimeException e) {
                    LOG.debug("Cancelling a statement of plan {} failed", plan, e);
                }
            });
            timer = TIMER.schedule(this::abortIfRunning, ABORT_AFTER.toNanos(), TimeUnit.NANOSECONDS);
        }

        /** A statement the cancel did not stop (a server or network that does not answer): its connection is aborted. */
        private void abortIfRunning() {
            if (finished) {
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

        void finish() {
            finished = true;
            ScheduledFuture<?> pending = timer;
            if (pending != null) {
                pending.cancel(false);
            }
        }
    }

    @Override
    public void executeStart(ExecuteContext context) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            acted = true;
            throw failure(null);
        }
        Watch watch = new Watch(context.statement(), context.connection());
        context.data(WATCH, watch);
        watch.timer = TIMER.schedule(watch::expire, remaining, TimeUnit.NANOSECONDS);
    }

    @Override
    public void executeEnd(ExecuteContext context) {
        finish(context);
    }

    @Override
    public void exception(ExecuteContext context) {
        finish(context);
    }

    private static void finish(ExecuteContext context) {
        if (context.data(WATCH) instanceof Deadline.Watch watch) {
            watch.finish();
        }
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
