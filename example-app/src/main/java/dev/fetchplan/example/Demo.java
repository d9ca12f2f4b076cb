package dev.fetchplan.example;

import static dev.fetchplan.schema.jooq.Tables.COMMENTS;
import static dev.fetchplan.schema.jooq.Tables.POSTS;
import static dev.fetchplan.schema.jooq.Tables.USERS;

import dev.fetchplan.FetchStrategy;
import dev.fetchplan.QueryGuard;
import dev.fetchplan.blog.BlogQueries;
import dev.fetchplan.blog.UserQuery;
import dev.fetchplan.postgres.LatencyProxy;
import dev.fetchplan.postgres.PostgresSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Reproduces the N+1 table with real measurements on the seeded database: a naive loop (what lazy loading
 * does), BATCHED and MULTISET, for three scenarios, at 0, 5 and 30 ms added per round trip through a
 * {@link LatencyProxy} calibrated with a {@code SELECT 1} loop. Prints the table and writes it as Markdown
 * (first argument, default {@code docs/demo.md}).
 */
public final class Demo {

    private record Scenario(String name, int users, boolean comments) {
    }

    private record Row(Scenario scenario, String approach, int latencyMs, int statements, double millis) {
    }

    private static final List<Scenario> SCENARIOS = List.of(
            new Scenario("20 users, their posts", 20, false),
            new Scenario("20 users, posts + comments", 20, true),
            new Scenario("100 users, posts + comments", 100, true));
    private static final int[] LATENCIES_MS = {0, 5, 30};

    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        Path output = Path.of(args.length > 0 ? args[0] : "docs/demo.md");
        AppSettings settings = AppSettings.fromEnvironment(System.getenv());
        try (Database database = Database.open(PostgresSettings.fromEnvironment(), settings)) {
            List<Row> rows = new ArrayList<>();
            List<String> calibration = new ArrayList<>();
            try (Connection direct = connect(database, port(database.jdbcUrl()))) {
                calibration.add(String.format(Locale.ROOT, "direct, no proxy: SELECT 1 round trip %.2f ms",
                        roundTripMillis(DSL.using(direct, SQLDialect.POSTGRES))));
            }
            for (int latency : LATENCIES_MS) {
                try (LatencyProxy proxy = LatencyProxy.start("localhost", port(database.jdbcUrl()), Duration.ofMillis(latency));
                     Connection connection = connect(database, proxy.port())) {
                    QueryGuard counter = QueryGuard.of(QueryGuard.Mode.OFF);
                    DSLContext dsl = counter.guard(DSL.using(connection, SQLDialect.POSTGRES));
                    calibration.add(String.format(Locale.ROOT, "%d ms configured: SELECT 1 round trip %.2f ms through the proxy",
                            latency, roundTripMillis(dsl)));
                    for (Scenario scenario : SCENARIOS) {
                        rows.add(measure(counter, scenario, "naive loop (N+1)", latency, () -> naive(dsl, scenario)));
                        rows.add(measure(counter, scenario, "BATCHED", latency, () -> fetch(dsl, scenario, FetchStrategy.BATCHED)));
                        rows.add(measure(counter, scenario, "MULTISET", latency, () -> fetch(dsl, scenario, FetchStrategy.MULTISET)));
                    }
                }
            }
            String markdown = markdown(rows, calibration, database);
            System.out.println(markdown);
            Files.createDirectories(output.toAbsolutePath().getParent());
            Files.writeString(output, markdown);
            System.out.println("Written to " + output.toAbsolutePath());
        }
    }

    /** What lazy loading does: the users, then one query per user for posts, then one per post for comments (with author). */
    private static int naive(DSLContext dsl, Scenario scenario) {
        int rows = 0;
        for (long userId : dsl.select(USERS.ID).from(USERS).orderBy(USERS.ID).limit(scenario.users()).fetch(USERS.ID)) {
            for (long postId : dsl.select(POSTS.ID).from(POSTS).where(POSTS.USER_ID.eq(userId))
                    .orderBy(POSTS.CREATED_AT.desc(), POSTS.ID.desc()).fetch(POSTS.ID)) {
                rows++;
                if (scenario.comments()) {
                    rows += dsl.select(COMMENTS.ID, COMMENTS.CONTENT, USERS.NAME).from(COMMENTS).join(USERS).on(USERS.ID.eq(COMMENTS.AUTHOR_ID))
                            .where(COMMENTS.POST_ID.eq(postId)).orderBy(COMMENTS.CREATED_AT, COMMENTS.ID).fetch().size();
                }
            }
        }
        return rows;
    }

    private static int fetch(DSLContext dsl, Scenario scenario, FetchStrategy strategy) {
        UserQuery query = UserQuery.builder().pageSize(scenario.users()).strategy(strategy).build();
        BlogQueries blog = BlogQueries.using(dsl);
        return scenario.comments() ? blog.fetchUsersWithPostsAndComments(query).size() : blog.fetchUsersWithPosts(query).size();
    }

    /** Warm up (three runs at 0 ms, where the JIT is still cold; one later), then the median of five runs (one at 30 ms). */
    private static Row measure(QueryGuard counter, Scenario scenario, String approach, int latency, Runnable run) {
        for (int i = latency == 0 ? 3 : 1; i > 0; i--) {
            run.run();
        }
        int runs = latency >= 30 ? 1 : 5;
        double[] millis = new double[runs];
        int statements = 0;
        for (int i = 0; i < runs; i++) {
            long started = System.nanoTime();
            statements = counter.countStatements(run::run);
            millis[i] = (System.nanoTime() - started) / 1e6;
        }
        Arrays.sort(millis);
        return new Row(scenario, approach, latency, statements, millis[runs / 2]);
    }

    private static double roundTripMillis(DSLContext dsl) {
        return Database.roundTrip(dsl).toNanos() / 1e6;
    }

    private static Connection connect(Database database, int port) throws SQLException {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(database.jdbcUrl().replaceFirst("//[^/]+/", "//localhost:" + port + "/"));
        source.setUser(database.server().user());
        source.setPassword(database.server().password());
        return source.getConnection();
    }

    private static int port(String jdbcUrl) {
        return Integer.parseInt(jdbcUrl.replaceFirst("^jdbc:postgresql://[^:/]+:(\\d+)/.*$", "$1"));
    }

    private static String markdown(List<Row> rows, List<String> calibration, Database database) throws IOException {
        StringBuilder text = new StringBuilder("# N+1 vs fetch plans, measured\n\n")
                .append("Produced by `bin/demo` (`dev.fetchplan.example.Demo`) on ").append(database.server().description())
                .append(", ").append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
                .append(Runtime.version()).append(". Seeded users: ")
                .append(database.dsl.fetchCount(USERS)).append(", posts: ").append(database.dsl.fetchCount(POSTS))
                .append(", comments: ").append(database.dsl.fetchCount(COMMENTS))
                .append(". Latency is added per round trip by a TCP proxy between the client and PostgreSQL. ")
                .append("Time is the median of 5 runs after a warm-up (1 run at 30 ms). Statements are what jOOQ executed ")
                .append("(BATCHED runs in a read-only snapshot transaction whose START and COMMIT travel with its first and last statement: one round trip per level).\n\nCalibration:\n\n");
        calibration.forEach(line -> text.append("- ").append(line).append('\n'));
        text.append("\n| scenario | approach | statements | 0 ms added | 5 ms added | 30 ms added |\n|---|---|---:|---:|---:|---:|\n");
        for (Scenario scenario : SCENARIOS) {
            for (String approach : List.of("naive loop (N+1)", "BATCHED", "MULTISET")) {
                List<Row> cells = rows.stream().filter(row -> row.scenario() == scenario && row.approach().equals(approach)).toList();
                text.append("| ").append(scenario.name()).append(" | ").append(approach).append(" | ").append(cells.get(0).statements());
                for (Row cell : cells) {
                    text.append(String.format(Locale.ROOT, " | %.1f ms", cell.millis()));
                }
                text.append(" |\n");
            }
        }
        return text.toString();
    }
}
