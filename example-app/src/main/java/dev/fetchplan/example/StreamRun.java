package dev.fetchplan.example;

import dev.fetchplan.FetchStrategy;
import dev.fetchplan.blog.BlogQueries;
import dev.fetchplan.blog.UserQuery;
import dev.fetchplan.blog.UserWithPosts;
import dev.fetchplan.example.reliability.Monitor;
import dev.fetchplan.postgres.Migrations;
import dev.fetchplan.postgres.RestartablePostgres;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Streams every user with all their posts, {@code users} of them (default 1,000,000), in keyset chunks, per strategy,
 * and prints the time, the most heap in use (sampled every 10 ms) and the collections, as a Markdown table. Run by
 * {@code bin/stream-export} under {@code -Xmx128m}: the stream must not hold more than a chunk. Every user must come
 * exactly once, in id order, with every post.
 */
public final class StreamRun {

    private static final List<FetchStrategy> STRATEGIES = List.of(FetchStrategy.BATCHED, FetchStrategy.STACKED, FetchStrategy.MULTISET);
    private static final int CHUNK = 1_000;

    private StreamRun() {
    }

    public static void main(String[] args) throws Exception {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        try (RestartablePostgres postgres = RestartablePostgres.start()) {
            postgres.createDatabase(Reliability.DATABASE);
            DataSource dataSource = postgres.dataSource(Reliability.DATABASE);
            Migrations.migrate(dataSource, Migrations.BLOG_LOCATION);
            DSLContext dsl = DSL.using(dataSource, SQLDialect.POSTGRES);
            long started = System.nanoTime();
            dsl.execute("INSERT INTO users (name, email) SELECT 'User ' || g, 'user' || g || '@example.com' FROM generate_series(1, {0}) g",
                    DSL.inline(users));
            dsl.execute("INSERT INTO posts (user_id, title, body) SELECT u.id, 'Post ' || p || ' of user ' || u.id, 'Body ' || p "
                    + "FROM users u CROSS JOIN LATERAL generate_series(1, (u.id % 7)::int) p");
            dsl.execute("VACUUM ANALYZE users, posts");
            long posts = dsl.fetchCount(DSL.table("posts"));
            System.out.printf(Locale.ROOT, "seeded %,d users and %,d posts in %.0f s%n", users, posts, (System.nanoTime() - started) / 1e9);
            StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                    "%,d users, %,d posts, chunks of %,d users, JVM heap max %,d MB%n%n"
                            + "| strategy | users streamed | posts streamed | time s | users/s | most heap in use MB | collections |%n"
                            + "|---|---:|---:|---:|---:|---:|---:|%n", users, posts, CHUNK, Runtime.getRuntime().maxMemory() >> 20));
            BlogQueries blog = BlogQueries.using(dsl);
            for (FetchStrategy strategy : STRATEGIES) {
                table.append(measure(blog, strategy, users, posts));
                System.out.print(table);
            }
        }
    }

    private static String measure(BlogQueries blog, FetchStrategy strategy, int users, long posts) throws Exception {
        UserQuery query = new UserQuery(CHUNK, 0, java.util.Optional.empty(), OptionalInt.empty(), OptionalInt.empty(), strategy);
        System.gc();
        long collectionsBefore = collections();
        long started = System.nanoTime();
        long streamedUsers = 0;
        long streamedPosts = 0;
        long lastId = 0;
        long peak;
        try (Monitor monitor = Monitor.start(Duration.ofMillis(10)); Stream<UserWithPosts> stream = blog.streamUsersWithPosts(query)) {
            for (UserWithPosts user : (Iterable<UserWithPosts>) stream::iterator) {
                if (user.id() <= lastId) {
                    throw new IllegalStateException("user " + user.id() + " after " + lastId);
                }
                if (user.posts().size() != user.id() % 7) {
                    throw new IllegalStateException("user " + user.id() + " with " + user.posts().size() + " posts");
                }
                lastId = user.id();
                streamedUsers++;
                streamedPosts += user.posts().size();
            }
            peak = monitor.maxHeapBytes();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (streamedUsers != users || streamedPosts != posts) {
            throw new IllegalStateException(strategy + " streamed " + streamedUsers + " users and " + streamedPosts + " posts");
        }
        return String.format(Locale.ROOT, "| %s | %,d | %,d | %.1f | %,.0f | %,d | %,d |%n", strategy, streamedUsers, streamedPosts, seconds,
                streamedUsers / seconds, peak >> 20, collections() - collectionsBefore);
    }

    private static long collections() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }
}
