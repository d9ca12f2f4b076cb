package dev.fetchplan;

import java.time.Duration;
import org.jooq.exception.DataAccessException;

/**
 * A fetch ran longer than its {@link FetchPolicy#timeout(Duration)} and was cancelled; nothing of it is returned.
 * The cause, if any, is what the cancelled statement failed with.
 */
public final class FetchTimeoutException extends DataAccessException {

    private static final long serialVersionUID = 1L;

    private final String plan;
    private final Duration timeout;

    FetchTimeoutException(String plan, Duration timeout, Throwable cause) {
        super("fetch of plan " + plan + " exceeded its timeout of " + timeout.toMillis() + " ms and was cancelled"
                + " (set by FetchPolicy.timeout)", cause);
        this.plan = plan;
        this.timeout = timeout;
    }

    /** The plan's name, such as {@code users(posts(comments))}. */
    public String plan() {
        return plan;
    }

    public Duration timeout() {
        return timeout;
    }
}
