package dev.fetchplan.example;

import dev.fetchplan.example.reliability.LoadDriver;
import dev.fetchplan.example.reliability.Summary;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fault-and-load run of {@code bin/loadtest}: every scenario of {@link Reliability} at 64 clients for tens of
 * seconds, then the heap a row budget saves ({@link BudgetHeap}); writes docs/reliability.md (or the path given)
 * with the figures and the machine, and exits non-zero if a target was missed.
 */
public final class ReliabilityRun {

    private static final int CLIENTS = 64;
    private static final int USERS = 1_000;

    private ReliabilityRun() {
    }

    public static void main(String[] args) throws Exception {
        Path output = Path.of(args.length > 0 ? args[0] : "docs/reliability.md");
        int heapUsers = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        StringBuilder report = new StringBuilder();
        boolean met = true;
        AppSettings defaults = AppSettings.fromEnvironment(Map.of());
        boolean heapOnly = args.length > 2 && args[2].equals("heap-only");
        try (Reliability reliability = heapOnly ? null : Reliability.start(USERS, Map.of())) {
            if (heapOnly) {
                report.append("(scenarios skipped: heap-only)\n\n");
            } else {
                met &= scenarios(reliability, defaults, report);
            }
        }
        log("row budget heap, " + heapUsers + " users");
        List<BudgetHeap.Measurement> heap = BudgetHeap.measure(heapUsers, 10_000);
        report.append("## 6. What a row budget saves: ").append(String.format(Locale.ROOT, "%,d", heapUsers))
                .append(" users with all their posts in one fetch\n\n").append(BudgetHeap.table(heap)).append('\n');
        Files.writeString(output, header(met) + report);
        System.out.println(header(met) + report);
        System.exit(met ? 0 : 1);
    }

    /** Runs the five scenarios, appending their sections to {@code report}; whether every target was met. */
    private static boolean scenarios(Reliability reliability, AppSettings defaults, StringBuilder report) throws Exception {
        boolean met = true;
        log("steady load");
        Summary steady = reliability.steady(CLIENTS, Duration.ofSeconds(60));
        met &= steady.failed() == 0 && steady.problems().isEmpty();
        section(report, "1. Steady load: 64 clients, 60 s, every endpoint and strategy", steady, "target: 0 errors");

        log("backends terminated every 5 s");
        Reliability.Result kills = reliability.kills(CLIENTS, Duration.ofSeconds(60), Duration.ofSeconds(5));
        met &= kills.summary().failed() == 0 && kills.summary().problems().isEmpty();
        section(report, "2. Every backend of the service terminated every 5 s under load (60 s)", kills.summary(),
                kills.note() + "; target: 0 failed requests");

        log("PostgreSQL stopped for 10 s");
        Reliability.StopResult stop = reliability.stop(CLIENTS, Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(20));
        boolean stopMet = stop.summary().statuses().keySet().stream().allMatch(status -> status == 200 || status == 503)
                && stop.summary().maxNanos() < defaults.statementTimeout().toNanos()
                && stop.recovery().compareTo(Duration.ofSeconds(5)) <= 0 && stop.summary().problems().isEmpty();
        met &= stopMet;
        section(report, "3. PostgreSQL stopped for 10 s under load (10 s before, 20 s after)", stop.summary(), String.format(Locale.ROOT,
                "the last failed request ended %.2f s after PostgreSQL was back; target: only 200 or 503, no answer later than the "
                        + "%d ms timeout, every request served again within 5 s of the return", stop.recovery().toNanos() / 1e9,
                defaults.statementTimeout().toMillis()));

        log("slow database");
        Reliability.Result slow = reliability.slow(CLIENTS, Duration.ofSeconds(30), Duration.ofMillis(200), defaults.poolSize());
        met &= slow.summary().statuses().keySet().stream().allMatch(status -> status == 200 || status == 503)
                && slow.summary().maxNanos() < defaults.statementTimeout().toNanos() && slow.summary().problems().isEmpty();
        section(report, "4. A slow database: 200 ms added to every round trip by the latency proxy, pool of "
                + defaults.poolSize() + ", 30 s", slow.summary(), slow.note() + "; target: the pool saturates, requests get 503 "
                + "quickly (a connection is waited for " + Database.CONNECTION_WAIT.toMillis() + " ms), memory and threads bounded");

        log("concurrent writers");
        Reliability.Result writers = reliability.writers(CLIENTS, Duration.ofSeconds(60), 2);
        met &= writers.summary().failed() == 0 && writers.summary().problems().isEmpty();
        section(report, "5. Concurrent writers under load (60 s)", writers.summary(), writers.note()
                + "; every tree checked; target: 0 errors, 0 torn trees");
            return met;
    }

    private static String header(boolean met) {
        Runtime runtime = Runtime.getRuntime();
        return """
                # Reliability: faults, load and bad input

                Written by `bin/loadtest` (`ReliabilityRun`) on %s: every target %s. Machine: %d cores, JVM heap max %,d MB, Java %s,
                %s; PostgreSQL embedded on the same machine. The service runs in the same JVM as the load clients (a small Java
                driver of the project, `LoadDriver`: one virtual thread and one keep-alive HTTP/1.1 connection per client; it
                checks every tree it gets back, which wrk cannot), with its defaults: statement timeout %d ms per statement and per
                fetch, pgjdbc socketTimeout 5 s longer, pool of %d, a connection waited for %d ms, one retry of a fetch on a lost
                connection, at most %,d rows per response, at most %d requests in flight. "not 200" counts every other answer;
                a client that gets no answer within %d s records status 0. `ReliabilityTest` runs the same scenarios for seconds
                in `./mvnw verify`.

                """.formatted(LocalDate.now(), met ? "met" : "NOT met (see below)", runtime.availableProcessors(), runtime.maxMemory() >> 20,
                Runtime.version(), ManagementFactory.getOperatingSystemMXBean().getName(), AppSettings.fromEnvironment(Map.of())
                        .statementTimeout().toMillis(), AppSettings.fromEnvironment(Map.of()).poolSize(), Database.CONNECTION_WAIT.toMillis(),
                AppSettings.fromEnvironment(Map.of()).maxRows(), AppSettings.fromEnvironment(Map.of()).maxInFlight(),
                LoadDriver.CLIENT_TIMEOUT.toSeconds());
    }

    private static void section(StringBuilder report, String title, Summary summary, String note) {
        report.append("## ").append(title).append("\n\n").append(summary.line()).append("; ").append(note).append(".\n\n");
        if (!summary.problems().isEmpty()) {
            report.append("Problems (first 10): ").append(summary.problems().stream().limit(10).toList()).append("\n\n");
        }
        report.append(summary.table()).append('\n');
    }

    private static void log(String step) {
        System.out.println("[loadtest] " + step);
    }
}
