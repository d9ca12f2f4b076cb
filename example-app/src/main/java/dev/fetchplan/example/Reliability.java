package dev.fetchplan.example;

import dev.fetchplan.example.reliability.Faults;
import dev.fetchplan.example.reliability.LoadDriver.Outcome;
import dev.fetchplan.example.reliability.LoadDriver.Request;
import dev.fetchplan.example.reliability.LoadDriver;
import dev.fetchplan.example.reliability.Monitor;
import dev.fetchplan.example.reliability.Summary;
import dev.fetchplan.example.reliability.TreeCheck;
import dev.fetchplan.example.reliability.Writers;
import dev.fetchplan.postgres.LatencyProxy;
import dev.fetchplan.postgres.PostgresMode;
import dev.fetchplan.postgres.PostgresSettings;
import dev.fetchplan.postgres.RestartablePostgres;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fault-and-load scenarios of docs/reliability.md, at any scale: {@code bin/loadtest} runs them for minutes
 * ({@link ReliabilityRun}), {@code ReliabilityTest} for seconds in the build. The service runs in this JVM on an
 * embedded PostgreSQL of its own that the scenarios terminate, stop and slow down; clients send a mix of every
 * endpoint and strategy and check every tree they get back.
 */
final class Reliability implements AutoCloseable {

    static final String DATABASE = "blog";
    private static final List<String> STRATEGIES = List.of("multiset", "batched", "stacked", "auto");
    /** Comments per post the mix asks for; the writers' posts have fewer, so a tree must show all of theirs. */
    private static final int COMMENTS_PER_POST = 5;

    private final RestartablePostgres postgres;
    private final int users;
    private final Map<String, String> environment;
    private final ExampleApp app;

    private Reliability(RestartablePostgres postgres, int users, Map<String, String> environment, ExampleApp app) {
        this.postgres = postgres;
        this.users = users;
        this.environment = environment;
        this.app = app;
    }

    /** A service with {@code users} seeded users and {@code environment} on top of the defaults, on a new database server. */
    static Reliability start(int users, Map<String, String> environment) {
        RestartablePostgres postgres = RestartablePostgres.start();
        try {
            postgres.createDatabase(DATABASE);
            Map<String, String> settings = new HashMap<>(environment);
            settings.put("PORT", "0");
            settings.put("FETCHPLAN_SEED_USERS", Integer.toString(users));
            settings.putIfAbsent("FETCHPLAN_ROUND_TRIP_MS", "0");
            ExampleApp app = ExampleApp.start(external(postgres.jdbcUrl(DATABASE)), AppSettings.fromEnvironment(settings));
            return new Reliability(postgres, users, Map.copyOf(settings), app);
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    ExampleApp app() {
        return app;
    }

    /** {@code clients} clients for {@code duration}, nothing else happening. */
    Summary steady(int clients, Duration duration) throws InterruptedException {
        return Summary.of(load(app.port(), clients, duration));
    }

    /** Load while every backend of the service is terminated every {@code every}. */
    Result kills(int clients, Duration duration, Duration every) throws InterruptedException {
        AtomicInteger terminated = new AtomicInteger();
        AtomicInteger rounds = new AtomicInteger();
        Thread killer = Thread.ofPlatform().daemon().name("killer").start(() -> {
            try {
                while (true) {
                    Thread.sleep(every.toMillis());
                    terminated.addAndGet(Faults.terminateBackends(postgres.dataSource(), DATABASE));
                    rounds.incrementAndGet();
                }
            } catch (InterruptedException e) {
                // The run is over.
            }
        });
        List<Outcome> outcomes = load(app.port(), clients, duration);
        killer.interrupt();
        killer.join();
        return new Result(Summary.of(outcomes), rounds.get() + " rounds, " + terminated.get() + " backends terminated", rounds.get());
    }

    /**
     * Load while PostgreSQL is stopped {@code before} into the run for {@code outage}: the slowest answer during the
     * outage and how long after PostgreSQL was back the last request failed.
     */
    StopResult stop(int clients, Duration before, Duration outage, Duration after) throws InterruptedException {
        long[] back = new long[1];
        RuntimeException[] failed = new RuntimeException[1];
        Thread operator = Thread.ofPlatform().daemon().name("operator").start(() -> {
            try {
                Thread.sleep(before.toMillis());
                postgres.stop();
                Thread.sleep(outage.toMillis());
                postgres.startAgain();
                back[0] = System.nanoTime();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                failed[0] = e;
            }
        });
        List<Outcome> outcomes = load(app.port(), clients, before.plus(outage).plus(after));
        operator.join();
        if (failed[0] != null || back[0] == 0) {
            throw new IllegalStateException("the outage was not staged: PostgreSQL was not stopped and started again", failed[0]);
        }
        long lastFailure = outcomes.stream().filter(outcome -> outcome.status() != 200).mapToLong(Outcome::endedAt).max().orElse(back[0]);
        long recovery = Math.max(0, lastFailure - back[0]);
        return new StopResult(Summary.of(outcomes), Duration.ofNanos(recovery));
    }

    /** Load while {@code writers} writers insert and delete posts with their comments. */
    Result writers(int clients, Duration duration, int writers) throws InterruptedException {
        try (Writers writing = Writers.start(postgres.jdbcUrl(DATABASE), "postgres", "", users, writers)) {
            List<Outcome> outcomes = load(app.port(), clients, duration);
            return new Result(Summary.of(outcomes), writing.inserted() + " posts inserted and " + writing.deleted()
                    + " deleted, with their comments, by " + writers + " writers (" + writing.failures() + " writer reconnects)",
                    writing.deleted());
        }
    }

    /**
     * Load on a second instance of the service that reaches the database through a proxy adding {@code roundTrip}
     * to every round trip, with {@code poolSize} connections: the pool saturates.
     */
    Result slow(int clients, Duration duration, Duration roundTrip, int poolSize) throws Exception {
        try (LatencyProxy proxy = LatencyProxy.start("localhost", postgres.port(), roundTrip)) {
            Map<String, String> settings = new HashMap<>(environment);
            settings.put("FETCHPLAN_POOL_SIZE", Integer.toString(poolSize));
            String url = "jdbc:postgresql://localhost:" + proxy.port() + "/" + DATABASE;
            try (ExampleApp slow = ExampleApp.start(external(url), AppSettings.fromEnvironment(settings)); Monitor monitor = Monitor.start()) {
                List<Outcome> outcomes = load(slow.port(), clients, duration);
                return new Result(Summary.of(outcomes), String.format("heap in use at most %,d MB, platform threads at most %d "
                        + "(this JVM: service and load clients)", monitor.maxHeapBytes() / (1024 * 1024), monitor.maxThreads()),
                        monitor.maxThreads());
            }
        }
    }

    /** A scenario's figures, what happened alongside, and how often its fault or writes happened (or threads, for a slow database). */
    record Result(Summary summary, String note, long events) {
    }

    record StopResult(Summary summary, Duration recovery) {
    }

    private List<Outcome> load(int port, int clients, Duration duration) throws InterruptedException {
        return LoadDriver.run(port, clients, duration, this::next, request -> body -> TreeCheck.problems(body,
                request.path().contains("commentsPerPost") ? COMMENTS_PER_POST : 0));
    }

    /** The mix: every endpoint, every strategy, random pages and users. */
    private Request next(ThreadLocalRandom random) {
        String strategy = STRATEGIES.get(random.nextInt(STRATEGIES.size()));
        int after = random.nextInt(users);
        return switch (random.nextInt(6)) {
            case 0 -> new Request("/users", "/users?limit=20&after=" + after);
            case 1 -> new Request("/users-with-posts " + strategy, "/users-with-posts?limit=20&after=" + after + "&strategy=" + strategy);
            case 2 -> new Request("/users-with-posts-and-comments " + strategy, "/users-with-posts-and-comments?limit=20&after=" + after
                    + "&postsPerUser=5&commentsPerPost=" + COMMENTS_PER_POST + "&strategy=" + strategy);
            case 3 -> new Request("/users/{id} " + strategy, "/users/" + (1 + after) + "?commentsPerPost=" + COMMENTS_PER_POST
                    + "&strategy=" + strategy);
            case 4 -> new Request("/stats/post-counts", "/stats/post-counts?limit=10");
            default -> new Request("/health", "/health");
        };
    }

    private static PostgresSettings external(String url) {
        return new PostgresSettings(PostgresMode.EXTERNAL, OptionalInt.empty(), Optional.of(url), "postgres", "", Optional.empty());
    }

    @Override
    public void close() {
        RuntimeException failure = Database.closeAll(List.<AutoCloseable>of(app, postgres), null);
        if (failure != null) {
            throw failure;
        }
    }
}
