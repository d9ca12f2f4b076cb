package dev.fetchplan.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.fetchplan.postgres.BlogSeed;
import dev.fetchplan.postgres.Migrations;
import dev.fetchplan.postgres.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the comparison: starts one PostgreSQL (embedded 18 unless the environment names another), seeds the
 * blog with {@link BlogSeed} (10,000 users), checks every contender's result against fetchplan's and counts its
 * statements per operation at the JDBC level, runs the JMH benchmarks (profile {@code quick} or {@code full},
 * with {@code -prof gc}), and writes {@code bench/results/} and {@code docs/benchmarks.md} + {@code .svg}.
 * The JMH forks reach the database through system properties; {@code -Dfetchplan.bench.forkJvm} names a
 * launcher for them (bin/bench passes one that pins the forks to a core the database does not use).
 */
public final class BenchMain {

    private static final int SEEDED_USERS = 10_000;

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        String profile = args.length > 0 ? args[0] : "quick";
        if (!List.of("quick", "full", "jfr", "compare", "client").contains(profile)) {
            throw new IllegalArgumentException("profile is '" + profile + "'; allowed: quick, full, jfr <contender> <scenario>, "
                    + "compare <contender,contender,...> <scenario> <latencyMs>, client");
        }
        if (profile.equals("jfr") && args.length != 3) {
            throw new IllegalArgumentException("jfr needs a contender and a scenario, e.g. jfr fetchplan-multiset 100-comments");
        }
        if (profile.equals("compare") && args.length != 4) {
            throw new IllegalArgumentException("compare needs contenders, a scenario and a latency, e.g. compare plain-jdbc,fetchplan-batched 100-comments 0");
        }
        Path results = Path.of("bench/results");
        Files.createDirectories(results);
        try (PostgresServer server = PostgresServer.start()) {
            server.dropDatabase("bench");
            server.createDatabase("bench");
            Migrations.migrate(server.dataSource("bench"), Migrations.BLOG_LOCATION);
            BlogSeed.seed(DSL.using(server.dataSource("bench"), SQLDialect.POSTGRES), SEEDED_USERS);
            System.setProperty(BenchDatabase.URL, server.jdbcUrl("bench"));
            System.setProperty(BenchDatabase.USER, server.user());
            System.setProperty(BenchDatabase.PASSWORD, server.password());

            if (profile.equals("jfr")) {
                new Runner(jfrOptions(server, args[1], args[2])).run();
                return;
            }
            if (profile.equals("compare")) {
                new Runner(compareOptions(server, args[1].split(","), args[2], args[3])).run();
                return;
            }
            if (profile.equals("client")) {
                new Runner(clientOptions(server)).run();
                return;
            }
            List<Scenario> scenarios = profile.equals("full") ? Scenario.FETCHING : Scenario.FETCHING.subList(0, 3);
            Map<String, Integer> statements = checkAndCountStatements(scenarios);
            String calibration = "SELECT 1 round trip: " + roundTrip(0) + " direct, " + roundTrip(1) + " through the proxy set to 1 ms";
            Path statementsFile = write(results.resolve("statements.json"), statements);
            Path machineFile = write(results.resolve("machine.json"), machine(server, profile, calibration));
            Path jmhFile = results.resolve("jmh-" + profile + ".json");
            runBenchmarks(profile, server, jmhFile);
            BenchReport.main(new String[] {jmhFile.toString(), statementsFile.toString(), machineFile.toString(),
                    "docs/benchmarks.md", "docs/benchmarks.svg"});
        }
    }

    /** Every contender once per scenario, in process: its result must equal fetchplan's; its statements are counted. */
    private static Map<String, Integer> checkAndCountStatements(List<Scenario> scenarios) {
        Map<String, Integer> statements = new LinkedHashMap<>();
        try (BenchDatabase database = BenchDatabase.connect(0)) {
            for (Scenario scenario : scenarios) {
                for (String name : Contenders.of(scenario)) {
                    statements.put(name + "|" + scenario.name(), checkAndCount(database, scenario, name));
                }
            }
            for (String name : Contenders.COUNTING) {
                statements.put(name + "|" + Scenario.COUNTING.name(), checkAndCount(database, Scenario.COUNTING, name));
            }
        }
        statements.forEach((key, count) -> System.out.printf("%-40s %6d statements/op%n", key, count));
        return statements;
    }

    private static int checkAndCount(BenchDatabase database, Scenario scenario, String name) {
        try (Contender contender = Contenders.create(name, database.dataSource)) {
            Agreement.check(scenario, contender, database.dataSource);
            database.counter.reset();
            scenario.run(contender);
            return database.counter.reset();
        }
    }

    /** One contender and scenario at 0 ms under JMH's JFR profiler, for finding where the time goes. */
    private static Options jfrOptions(PostgresServer server, String contender, String scenario) {
        return new OptionsBuilder()
                .include(Scenario.named(scenario) == Scenario.COUNTING ? PostCountsBenchmark.class.getSimpleName() : FetchBenchmark.class.getSimpleName())
                .param("contender", contender)
                .param("scenario", scenario)
                .param("latencyMs", "0")
                .forks(1)
                .warmupIterations(3)
                .warmupTime(TimeValue.seconds(2))
                .measurementIterations(5)
                .measurementTime(TimeValue.seconds(2))
                .addProfiler("jfr", "dir=bench/results/jfr;configName=profile")
                .jvmArgs(databaseArguments(server))
                .build();
    }

    /**
     * A few contenders on one scenario and latency, well warmed (5 × 2 s) and measured (5 × 2 s) in one fork
     * each: for checking one ratio while working on the engine. Prints JMH's table; writes no report.
     */
    private static Options compareOptions(PostgresServer server, String[] contenders, String scenario, String latencyMs) {
        return wellWarmed(server, TimeUnit.MILLISECONDS)
                .include(Scenario.named(scenario) == Scenario.COUNTING ? PostCountsBenchmark.class.getSimpleName() : FetchBenchmark.class.getSimpleName())
                .param("contender", contenders)
                .param("scenario", scenario)
                .param("latencyMs", latencyMs)
                .build();
    }

    /** {@link ClientCostBenchmark}: a fetch with its compiled SQL against one rendered per fetch, table only. */
    private static Options clientOptions(PostgresServer server) {
        return wellWarmed(server, TimeUnit.MICROSECONDS).include(ClientCostBenchmark.class.getSimpleName()).build();
    }

    /** One fork, 5 × 2 s warm-up and 5 × 2 s measurement, with -prof gc, in {@code unit}; prints JMH's table. */
    private static ChainedOptionsBuilder wellWarmed(PostgresServer server, TimeUnit unit) {
        return launchedAsConfigured(new OptionsBuilder()
                .forks(1)
                .warmupIterations(5)
                .warmupTime(TimeValue.seconds(2))
                .measurementIterations(5)
                .measurementTime(TimeValue.seconds(2))
                .timeUnit(unit)
                .addProfiler(GCProfiler.class)
                .jvmArgs(databaseArguments(server)));
    }

    /** Where the forks find the database; they skip the result check BenchMain has already made. */
    private static String[] databaseArguments(PostgresServer server) {
        return new String[] {"-Xms1g", "-Xmx1g", "-D" + Agreement.ALREADY_CHECKED + "=true",
            "-D" + BenchDatabase.URL + "=" + server.jdbcUrl("bench"),
            "-D" + BenchDatabase.USER + "=" + server.user(),
            "-D" + BenchDatabase.PASSWORD + "=" + server.password()};
    }

    /**
     * The full profile measures every contender × scenario × latency: 2 forks of 3 × 2 s warm-up and 5 × 2 s
     * measurement, except the 1,000-user scenario, which gets 1 fork of 2 × 2 s + 3 × 2 s because one naive or
     * lazy-loading operation there takes 2–30 s (so each iteration is one operation anyway), and the 10,000-user
     * scenario, the same with fetchplan's strategies and plain JDBC only. The quick one
     * (under 10 minutes on 2 cores) leaves out the 1,000-user scenario and, at 1 ms, the posts-only scenario.
     */
    private static void runBenchmarks(String profile, PostgresServer server, Path jmhFile) throws Exception {
        String fetching = FetchBenchmark.class.getSimpleName();
        String counting = PostCountsBenchmark.class.getSimpleName();
        List<Path> parts = new ArrayList<>();
        if (profile.equals("full")) {
            parts.add(jmhFile.resolveSibling("jmh-full-fetch.json"));
            parts.add(jmhFile.resolveSibling("jmh-full-counts.json"));
            parts.add(jmhFile.resolveSibling("jmh-full-1000.json"));
            parts.add(jmhFile.resolveSibling("jmh-full-10000.json"));
            new Runner(options(profile, server, parts.get(0)).include(fetching)
                    .param("scenario", "20-posts", "20-comments", "100-comments").build()).run();
            new Runner(options(profile, server, parts.get(1)).include(counting).build()).run();
            new Runner(options(profile, server, parts.get(2)).include(fetching).param("scenario", "1000-comments")
                    .forks(1).warmupIterations(2).measurementIterations(3).build()).run();
            new Runner(options(profile, server, parts.get(3)).include(fetching).param("scenario", "10000-comments")
                    .param("contender", Contenders.SCALING.toArray(String[]::new))
                    .forks(1).warmupIterations(2).measurementIterations(3).build()).run();
        } else {
            parts.add(jmhFile.resolveSibling("jmh-quick-fetch-0ms.json"));
            parts.add(jmhFile.resolveSibling("jmh-quick-fetch-1ms.json"));
            parts.add(jmhFile.resolveSibling("jmh-quick-counts.json"));
            new Runner(options(profile, server, parts.get(0)).include(fetching).param("latencyMs", "0")
                    .param("scenario", "20-posts", "20-comments", "100-comments").build()).run();
            new Runner(options(profile, server, parts.get(1)).include(fetching).param("latencyMs", "1")
                    .param("scenario", "20-comments", "100-comments").build()).run();
            new Runner(options(profile, server, parts.get(2)).include(counting).build()).run();
        }
        ObjectMapper json = new ObjectMapper();
        ArrayNode merged = json.createArrayNode();
        for (Path part : parts) {
            merged.addAll((ArrayNode) json.readTree(part.toFile()));
            Files.delete(part);
        }
        json.enable(SerializationFeature.INDENT_OUTPUT).writeValue(jmhFile.toFile(), merged);
    }

    private static ChainedOptionsBuilder options(String profile, PostgresServer server, Path jmhFile) {
        boolean quick = profile.equals("quick");
        ChainedOptionsBuilder options = new OptionsBuilder()
                .forks(quick ? 1 : 2)
                .warmupIterations(3)
                .warmupTime(TimeValue.seconds(quick ? 1 : 2))
                .measurementIterations(quick ? 2 : 5)
                .measurementTime(TimeValue.seconds(quick ? 1 : 2))
                .timeUnit(TimeUnit.MILLISECONDS)
                .addProfiler(GCProfiler.class)
                .jvmArgs(databaseArguments(server))
                .resultFormat(ResultFormatType.JSON)
                .result(jmhFile.toString());
        return launchedAsConfigured(options);
    }

    /** Forks start through {@code -Dfetchplan.bench.forkJvm} when set (bin/bench pins them to a core). */
    private static ChainedOptionsBuilder launchedAsConfigured(ChainedOptionsBuilder options) {
        String forkJvm = System.getProperty("fetchplan.bench.forkJvm");
        if (forkJvm != null && !forkJvm.isBlank()) {
            options.jvm(forkJvm);
        }
        return options;
    }

    /** The mean {@code SELECT 1} round trip at {@code latencyMs}, as the benchmarks' pool sees it. */
    private static String roundTrip(int latencyMs) {
        try (BenchDatabase database = BenchDatabase.connect(latencyMs)) {
            try (Connection connection = database.dataSource.getConnection()) {
                DSLContext pinned = DSL.using(connection, SQLDialect.POSTGRES);
                for (int i = 0; i < 200; i++) {
                    pinned.selectOne().fetch();
                }
                long started = System.nanoTime();
                for (int i = 0; i < 300; i++) {
                    pinned.selectOne().fetch();
                }
                return String.format(Locale.ROOT, "%.3f ms", (System.nanoTime() - started) / 1e6 / 300);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static Map<String, Object> machine(PostgresServer server, String profile, String calibration) throws IOException {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cpu", cpuModel());
        machine.put("cores", machineCores());
        machine.put("memory", totalMemory());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        machine.put("java", System.getProperty("java.vm.name") + " " + Runtime.version());
        machine.put("postgres", postgresVersion(server));
        machine.put("pinning", System.getProperty("fetchplan.bench.pinning", "none: JVM forks and PostgreSQL share all cores"));
        machine.put("settings", profile.equals("quick")
                ? "quick profile: 1 fork, 3 warm-up iterations of 1 s, 2 measurement iterations of 1 s, -prof gc, -Xmx1g; "
                        + "scenarios 20-posts, 20-comments, 100-comments and 100-counts at 0 ms, 20-comments, 100-comments and "
                        + "100-counts at 1 ms (1000-comments and 10000-comments only in the full profile); one HikariCP pool of 2 "
                        + "connections per fork; " + SEEDED_USERS + " users seeded"
                : "full profile: 2 forks, 3 warm-up iterations of 2 s, 5 measurement iterations of 2 s, -prof gc, -Xmx1g; "
                        + "1000-comments: 1 fork, 2 warm-up and 3 measurement iterations of 2 s (one naive or lazy operation takes "
                        + "2-30 s there); 10000-comments: the same, fetchplan and plain JDBC only; every scenario at 0 and 1 ms; "
                        + "one HikariCP pool of 2 connections per fork; " + SEEDED_USERS + " users seeded");
        machine.put("calibration", calibration);
        machine.put("date", Instant.now().toString());
        return machine;
    }

    private static String postgresVersion(PostgresServer server) {
        return DSL.using(server.dataSource("bench"), SQLDialect.POSTGRES).fetchSingle("SELECT version()").get(0, String.class);
    }

    private static String cpuModel() throws IOException {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return System.getProperty("os.arch");
        }
        List<String> lines = Files.readAllLines(cpuinfo);
        return lines.stream().filter(line -> line.startsWith("model name")).findFirst()
                .map(line -> line.substring(line.indexOf(':') + 1).strip()).orElse(System.getProperty("os.arch"));
    }

    /** The machine's cores, not this process's: bin/bench pins the driver to one of them. */
    private static long machineCores() throws IOException {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return Runtime.getRuntime().availableProcessors();
        }
        return Files.readAllLines(cpuinfo).stream().filter(line -> line.startsWith("processor")).count();
    }

    private static String totalMemory() throws IOException {
        Path meminfo = Path.of("/proc/meminfo");
        if (!Files.isReadable(meminfo)) {
            return "unknown";
        }
        return Files.readAllLines(meminfo).stream().filter(line -> line.startsWith("MemTotal")).findFirst()
                .map(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024 / 1024 + " GiB").orElse("unknown");
    }

    private static Path write(Path file, Object value) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), value);
        return file;
    }
}
