package dev.fetchplan.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition instead of a fixed time: asks it every 10 ms until it holds, and fails the test with what
 * was awaited if it does not within the timeout. For states a test cannot be told about (a replica replaying, a
 * backend exiting, a request arriving).
 */
public final class Await {

    private static final long POLL_MILLIS = 10;

    private Await() {
    }

    /** Returns as soon as {@code condition} holds; throws {@link AssertionError} naming {@code what} after {@code timeout}. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        long giveUp = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - giveUp > 0) {
                throw new AssertionError("waited " + timeout.toMillis() + " ms for " + what + ", in vain");
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }
}
