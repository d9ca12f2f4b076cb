package dev.fetchplan.example;

import dev.fetchplan.FetchPolicy;
import dev.fetchplan.FetchStrategy;
import dev.fetchplan.blog.BlogQueries;
import dev.fetchplan.blog.UserQuery;
import dev.fetchplan.blog.UserWithPosts;
import dev.fetchplan.example.reliability.Monitor;
import dev.fetchplan.postgres.BlogSeed;
import dev.fetchplan.postgres.Migrations;
import dev.fetchplan.postgres.RestartablePostgres;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * What a row budget saves: one fetch of {@code users} users with all their posts, per strategy, without a budget
 * and with one far below the rows the fetch would return. For each: the outcome, the time, the bytes the fetching
 * thread allocated, and the most heap in use while it ran (sampled every 5 ms after a full collection; the baseline
 * before the fetch is subtracted). Run by {@code bin/loadtest}; the figures go to docs/reliability.md.
 */
final class BudgetHeap {

    private static final List<FetchStrategy> STRATEGIES = List.of(FetchStrategy.MULTISET, FetchStrategy.BATCHED, FetchStrategy.STACKED);

    record Measurement(FetchStrategy strategy, String budget, String outcome, double seconds, long allocatedBytes, long peakHeapBytes) {
    }

    private BudgetHeap() {
    }

    /** Seeds {@code users} users on a server of its own and measures each strategy with no budget and with {@code budget}. */
    static List<Measurement> measure(int users, long budget) throws Exception {
        try (RestartablePostgres postgres = RestartablePostgres.start()) {
            postgres.createDatabase(Reliability.DATABASE);
            DataSource dataSource = postgres.dataSource(Reliability.DATABASE);
            Migrations.migrate(dataSource, Migrations.BLOG_LOCATION);
            DSLContext dsl = DSL.using(dataSource, SQLDialect.POSTGRES);
            BlogSeed.seed(dsl, users);
            BlogQueries unbounded = BlogQueries.using(dsl);
            BlogQueries bounded = BlogQueries.using(FetchPolicy.NONE.maxRows(budget).applyTo(dsl));
            UserQuery everyone = UserQuery.builder().maxPageSize(users).pageSize(users).build();
            List<Measurement> measurements = new ArrayList<>();
            for (FetchStrategy strategy : STRATEGIES) {
                UserQuery query = new UserQuery(everyone.pageSize(), 0, everyone.userIds(), everyone.postsPerUser(),
                        everyone.commentsPerPost(), strategy);
                measure(strategy, "none", () -> unbounded.fetchUsersWithPosts(query), measurements);
                measure(strategy, String.format(Locale.ROOT, "%,d rows", budget), () -> bounded.fetchUsersWithPosts(query), measurements);
            }
            return measurements;
        }
    }

    private interface Fetch {
        List<UserWithPosts> run();
    }

    private static void measure(FetchStrategy strategy, String budget, Fetch fetch, List<Measurement> into) throws InterruptedException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        System.gc();
        Thread.sleep(200);
        long baseline = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        long started = System.nanoTime();
        String outcome;
        long peak;
        try (Monitor monitor = Monitor.start(Duration.ofMillis(5))) {
            try {
                List<UserWithPosts> users = fetch.run();
                outcome = String.format(Locale.ROOT, "%,d users, %,d posts", users.size(), users.stream().mapToLong(user -> user.posts().size()).sum());
            } catch (RuntimeException e) {
                outcome = e.getClass().getSimpleName();
            }
            peak = monitor.maxHeapBytes();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        into.add(new Measurement(strategy, budget, outcome, seconds, allocated, Math.max(0, peak - baseline)));
    }

    static String table(List<Measurement> measurements) {
        StringBuilder table = new StringBuilder("| strategy | row budget | outcome | time s | allocated MB | peak heap above baseline MB |\n"
                + "|---|---|---|---:|---:|---:|\n");
        for (Measurement measurement : measurements) {
            table.append(String.format(Locale.ROOT, "| %s | %s | %s | %.2f | %,d | %,d |%n", measurement.strategy(), measurement.budget(),
                    measurement.outcome(), measurement.seconds(), measurement.allocatedBytes() >> 20, measurement.peakHeapBytes() >> 20));
        }
        return table.toString();
    }
}
