package dev.fetchplan.bench;

import dev.fetchplan.bench.ReportData.Measurement;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Renders the benchmark report as Markdown: what was measured, the machine, one table per scenario, targets. */
final class ReportMarkdown {

    private static final String BASELINE = "fetchplan-batched";
    private static final Map<String, String> MACHINE_LABELS = Map.of(
            "cpu", "CPU", "cores", "Cores", "memory", "Memory", "os", "OS", "java", "Java",
            "postgres", "PostgreSQL", "pinning", "Pinning", "settings", "Settings", "calibration", "Latency calibration", "date", "Date");

    private ReportMarkdown() {
    }

    static String render(ReportData data, String chartFileName, String targets) {
        StringBuilder text = new StringBuilder("# fetchplan benchmarks\n\n");
        text.append("""
                Each benchmark loads the same data from PostgreSQL with one contender (a library or a way of using \
                it) and returns the same result: `N-posts` loads the first N users with their posts, `N-comments` \
                users → posts → comments with each comment's author, `N-counts` the first N users with their number \
                of posts. Times are JMH's average time per operation in ms with its 99.9% error, lower is better; \
                "1 ms" means a proxy added 1 ms to every round trip to the database, as if it were on another host. \
                statements/op is the number of SQL statements per operation, counted separately at the JDBC level. \
                alloc/op is JMH's `gc.alloc.rate.norm` (`-prof gc`), memory allocated per operation \
                (1 KB = 1024 B). Rows are sorted by time at 0 ms; the last column divides each time at 0 ms by \
                fetchplan-batched's. A "—" marks a value that was not measured.

                """);
        text.append("![Benchmark times per scenario, log scale](").append(chartFileName).append(")\n\n");
        machine(text, data);
        for (String scenario : data.scenarios()) {
            scenario(text, data, scenario);
        }
        return text.append('\n').append(targets).toString();
    }

    private static void machine(StringBuilder text, ReportData data) {
        text.append("## Machine and settings\n\n| | |\n|---|---|\n");
        data.machine().forEach((key, value) ->
                text.append("| ").append(MACHINE_LABELS.getOrDefault(key, key)).append(" | ").append(cell(value)).append(" |\n"));
        for (String settings : data.jmhSettings()) {
            text.append("| JMH run | ").append(cell(settings)).append(" |\n");
        }
    }

    private static void scenario(StringBuilder text, ReportData data, String scenario) {
        text.append("\n## ").append(scenario).append("\n\n")
                .append("| contender | statements/op | time at 0 ms | alloc/op at 0 ms | time at 1 ms | alloc/op at 1 ms")
                .append(" | vs ").append(BASELINE).append(" at 0 ms |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|\n");
        Optional<Measurement> baseline = data.measurement(BASELINE, scenario, 0);
        for (String contender : data.contenders(scenario)) {
            Optional<Measurement> atZero = data.measurement(contender, scenario, 0);
            Optional<Measurement> atOne = data.measurement(contender, scenario, 1);
            OptionalInt statements = data.statements(contender, scenario);
            String ratio = atZero.isPresent() && baseline.isPresent()
                    ? ReportFormat.ratio(atZero.get().timeMs() / baseline.get().timeMs())
                    : ReportFormat.MISSING;
            text.append("| ").append(contender.startsWith("fetchplan") ? "**" + cell(contender) + "**" : cell(contender))
                    .append(" | ").append(statements.isPresent() ? String.valueOf(statements.getAsInt()) : ReportFormat.MISSING)
                    .append(" | ").append(time(atZero)).append(" | ").append(alloc(atZero))
                    .append(" | ").append(time(atOne)).append(" | ").append(alloc(atOne))
                    .append(" | ").append(ratio).append(" |\n");
        }
    }

    private static String time(Optional<Measurement> measurement) {
        return measurement.map(m -> ReportFormat.timeWithError(m.timeMs(), m.errorMs()) + " ms").orElse(ReportFormat.MISSING);
    }

    private static String alloc(Optional<Measurement> measurement) {
        return measurement.filter(m -> m.allocBytes().isPresent())
                .map(m -> ReportFormat.bytes(m.allocBytes().getAsDouble()))
                .orElse(ReportFormat.MISSING);
    }

    /** Keeps free text from breaking the table or being read as HTML. */
    private static String cell(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("|", "\\|").replace("\n", " ");
    }
}
