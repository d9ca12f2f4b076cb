package dev.fetchplan;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Counts the network round trips pgjdbc makes while an action runs: each protocol Sync message is one (the
 * driver sends it and waits for the server's ReadyForQuery before doing anything else). Read from pgjdbc's own
 * protocol trace (java.util.logging, FINEST), so it counts what went over the wire, not what jOOQ executed.
 */
final class RoundTrips {

    private static final Logger PROTOCOL = Logger.getLogger("org.postgresql.core.v3.QueryExecutorImpl");

    private RoundTrips() {
    }

    static int during(Runnable action) {
        AtomicInteger syncs = new AtomicInteger();
        Handler counter = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getMessage() != null && record.getMessage().trim().equals("FE=> Sync")) {
                    syncs.incrementAndGet();
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        counter.setLevel(Level.FINEST);
        Level previous = PROTOCOL.getLevel();
        PROTOCOL.setLevel(Level.FINEST);
        PROTOCOL.addHandler(counter);
        try {
            action.run();
        } finally {
            PROTOCOL.removeHandler(counter);
            PROTOCOL.setLevel(previous);
        }
        return syncs.get();
    }
}
