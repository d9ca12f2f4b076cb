package dev.fetchplan;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends reads to streaming replicas (hot standbys) and the rest to the primary, with read-your-writes and a lag
 * bound. {@link #route(Optional)} picks, for one read, a replica that has replayed the WAL up to the caller's
 * position (waiting for it at most {@code waitForPosition}) and lags at most {@code maxLag}; otherwise the primary.
 * A replica's state is asked of it ({@code pg_last_wal_replay_lsn()}, one statement on the replica, by one caller at a
 * time) at most once per {@code recheckAfter}, and more often only while a read waits for it to catch up; a replica
 * that fails to answer is skipped for {@code retryAfter}, one with no WAL receiver streaming is skipped as lagging.
 * Each replica must be one server (not a pooler or load balancer in front of several). Thread-safe.
 *
 * <pre>{@code
 * ReadRouting routing = ReadRouting.to(primaryDsl).replica("replica-1", replicaDsl).maxLag(Duration.ofSeconds(5)).build();
 * WalPosition written = WalPosition.current(primaryDsl);        // after the write committed
 * ReadRouting.Route route = routing.route(Optional.of(written));   // a replica that has it, or the primary
 * List<UserWithPosts> users = plan.fetch(route.dsl(), FetchStrategy.BATCHED);
 * }</pre>
 */
public final class ReadRouting {

    private static final Logger LOG = LoggerFactory.getLogger(ReadRouting.class);
    /** How often a read waiting for a position asks the replica again. */
    private static final Duration POLL = Duration.ofMillis(5);

    private final DSLContext primary;
    private final List<Replica> replicas;
    private final Duration maxLag;
    private final Duration waitForPosition;
    private final Duration recheckAfter;
    private final Duration retryAfter;
    private final AtomicInteger next = new AtomicInteger();

    private ReadRouting(Builder builder) {
        this.primary = builder.primary;
        this.replicas = List.copyOf(builder.replicas);
        this.maxLag = builder.maxLag;
        this.waitForPosition = builder.waitForPosition;
        this.recheckAfter = builder.recheckAfter;
        this.retryAfter = builder.retryAfter;
    }

    /** Starts a routing whose writes and fallback reads go to {@code primary}. */
    public static Builder to(DSLContext primary) {
        return new Builder(Objects.requireNonNull(primary, "primary"));
    }

    /** Where one read runs: a replica's DSLContext or the primary's, and which ({@code "primary"} or the replica's name). */
    public record Route(DSLContext dsl, String servedBy, boolean replica) {
    }

    /** A route for a read with no position to wait for: any replica within the lag bound, else the primary. */
    public Route route() {
        return route(Optional.empty());
    }

    /**
     * A route for a read that must see everything up to {@code position} (the caller's last write): a replica within
     * the lag bound that has replayed it — waiting up to {@code waitForPosition} for one — else the primary.
     */
    public Route route(Optional<WalPosition> position) {
        Objects.requireNonNull(position, "position");
        if (replicas.isEmpty()) {
            return primaryRoute();
        }
        long deadline = System.nanoTime() + waitForPosition.toNanos();
        int start = Math.floorMod(next.getAndIncrement(), replicas.size());
        while (true) {
            List<Replica> catchingUp = new ArrayList<>();
            for (int i = 0; i < replicas.size(); i++) {
                Replica replica = replicas.get((start + i) % replicas.size());
                Optional<Replica.State> state = replica.state(recheckAfter, retryAfter);
                if (state.isEmpty() || state.get().lag().compareTo(maxLag) > 0) {
                    continue;
                }
                if (position.isEmpty() || state.get().replayed().isAtOrPast(position.get())) {
                    return new Route(replica.dsl, replica.name, true);
                }
                catchingUp.add(replica);
            }
            if (catchingUp.isEmpty() || System.nanoTime() - deadline >= 0) {
                return primaryRoute();
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return primaryRoute();
            }
            catchingUp.forEach(Replica::expire);
        }
    }

    private Route primaryRoute() {
        return new Route(primary, "primary", false);
    }

    /** Configures a {@link ReadRouting}. Not thread-safe. */
    public static final class Builder {
        private final DSLContext primary;
        private final List<Replica> replicas = new ArrayList<>();
        private Duration maxLag = Duration.ofSeconds(10);
        private Duration waitForPosition = Duration.ofMillis(200);
        private Duration recheckAfter = Duration.ofMillis(100);
        private Duration retryAfter = Duration.ofSeconds(5);

        private Builder(DSLContext primary) {
            this.primary = primary;
        }

        /** A replica, named in routes (for logs and headers), whose state is asked through the same DSLContext. */
        public Builder replica(String name, DSLContext replica) {
            return replica(name, replica, replica);
        }

        /**
         * A replica read through {@code replica} and asked for its state through {@code probe}: a DSLContext without the
         * listeners of reads (an N+1 guard would count the probes in the request's scope), ideally on a connection of
         * its own, so a saturated read pool does not make the replica look down.
         */
        public Builder replica(String name, DSLContext replica, DSLContext probe) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(replica, "replica");
            Objects.requireNonNull(probe, "probe");
            if (name.isBlank() || name.equals("primary") || replicas.stream().anyMatch(known -> known.name.equals(name))) {
                throw new IllegalArgumentException("replica name is '" + name + "'; allowed: a non-blank name other than "
                        + "'primary' and the replicas' already given");
            }
            replicas.add(new Replica(name, replica, probe));
            return this;
        }

        /** The most a replica may lag behind the primary to serve reads (default 10 s). */
        public Builder maxLag(Duration maxLag) {
            this.maxLag = check(maxLag, "maxLag", Duration.ZERO);
            return this;
        }

        /** How long a read with a position waits for a replica to replay it before it goes to the primary (default 200 ms). */
        public Builder waitForPosition(Duration waitForPosition) {
            this.waitForPosition = check(waitForPosition, "waitForPosition", Duration.ZERO);
            return this;
        }

        /** How long a replica's replayed position and lag are trusted before it is asked again (default 100 ms). */
        public Builder recheckAfter(Duration recheckAfter) {
            this.recheckAfter = check(recheckAfter, "recheckAfter", Duration.ZERO);
            return this;
        }

        /** How long a replica that failed to answer is skipped (default 5 s). */
        public Builder retryAfter(Duration retryAfter) {
            this.retryAfter = check(retryAfter, "retryAfter", Duration.ZERO);
            return this;
        }

        public ReadRouting build() {
            return new ReadRouting(this);
        }

        private static Duration check(Duration value, String name, Duration min) {
            Objects.requireNonNull(value, name);
            if (value.compareTo(min) < 0) {
                throw new IllegalArgumentException(name + " is " + value + "; allowed: " + min + " or more");
            }
            return value;
        }
    }

    /** One replica and what it last said about itself; asked by one caller at a time, the others take the last answer. */
    private static final class Replica {
        /**
         * The replayed position, and the lag: none when a WAL receiver is streaming and everything received is replayed;
         * the age of the last replayed transaction when replay is behind what was received; unknown (skipped) when no
         * receiver is streaming, since a replica cut off from the primary has replayed all it received and only looks
         * caught up.
         */
        private static final String STATE = "SELECT pg_last_wal_replay_lsn()::text, pg_is_in_recovery(), "
                + "CASE WHEN NOT EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming') THEN NULL "
                + "WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0 "
                + "ELSE coalesce(extract(epoch FROM now() - pg_last_xact_replay_timestamp()) * 1000, 0) END::bigint";
        /** Seconds a state query may take before the replica counts as failing. */
        private static final int PROBE_TIMEOUT_SECONDS = 1;

        record State(WalPosition replayed, Duration lag) {
        }

        private final String name;
        private final DSLContext dsl;
        private final DSLContext probe;
        private final ReentrantLock asking = new ReentrantLock();
        private volatile Optional<State> state = Optional.empty();
        private volatile long checkedAt;
        private volatile long failedAt;
        private volatile boolean failed;

        Replica(String name, DSLContext dsl, DSLContext probe) {
            this.name = name;
            this.dsl = dsl;
            this.probe = probe;
        }

        /**
         * The replica's state, asked again when older than {@code recheckAfter} (by one caller; the others take the last
         * answer); empty while it is skipped after a failure.
         */
        Optional<State> state(Duration recheckAfter, Duration retryAfter) {
            long now = System.nanoTime();
            if (failed && now - failedAt < retryAfter.toNanos()) {
                return Optional.empty();
            }
            if (!failed && state.isPresent() && now - checkedAt < recheckAfter.toNanos()) {
                return state;
            }
            if (!asking.tryLock()) {
                return failed ? Optional.empty() : state;
            }
            try {
                Record row = probe.resultQuery(STATE).queryTimeout(PROBE_TIMEOUT_SECONDS).fetchSingle();
                if (!Boolean.TRUE.equals(row.get(1, Boolean.class)) || row.get(0) == null) {
                    throw new IllegalStateException("it is not a standby in recovery (pg_is_in_recovery() is false)");
                }
                Long lag = row.get(2, Long.class);
                state = Optional.of(new State(WalPosition.parse(row.get(0, String.class)),
                        lag == null ? ChronoUnit.FOREVER.getDuration() : Duration.ofMillis(lag)));
                checkedAt = now;
                if (failed) {
                    LOG.info("Replica {} answers again; it serves reads", name);
                }
                failed = false;
            } catch (RuntimeException e) {
                if (isPoolTimeout(e)) {
                    // Its pool is busy, which says nothing about the replica: skip it this once.
                    return Optional.empty();
                }
                if (!failed) {
                    LOG.warn("Replica {} is skipped for now: {}", name, e.getMessage());
                }
                failed = true;
                failedAt = now;
                state = Optional.empty();
            } finally {
                asking.unlock();
            }
            return state;
        }

        private static boolean isPoolTimeout(Throwable failure) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof SQLTransientConnectionException timeout && timeout.getCause() == null) {
                    return true;
                }
            }
            return false;
        }

        /** Forgets the last answer, so the next {@link #state} asks again. */
        void expire() {
            checkedAt = System.nanoTime() - Long.MAX_VALUE / 2;
        }
    }
}
