package dev.fetchplan.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The inputs of the benchmark report: JMH results keyed by contender, scenario and added latency, statement
 * counts per operation, and the machine description. Immutable once loaded.
 */
final class ReportData {

    /** Scenarios in the order the report shows them; unknown scenarios follow in order of appearance. */
    private static final List<String> SCENARIO_ORDER =
            List.of("20-posts", "20-comments", "100-comments", "1000-comments", "10000-comments", "100-counts");

    /**
     * One JMH result converted to milliseconds. {@code errorMs} is NaN when JMH could not compute it (too few
     * iterations); {@code allocBytes} is empty unless the run used {@code -prof gc}.
     */
    record Measurement(String contender, String scenario, int latencyMs, double timeMs, double errorMs,
                       OptionalDouble allocBytes) {
    }

    private record Key(String contender, String scenario, int latencyMs) {
    }

    private final Map<Key, Measurement> measurements;
    private final Map<String, Integer> statements;
    private final Map<String, String> machine;
    private final Set<String> jmhSettings;

    private ReportData(Map<Key, Measurement> measurements, Map<String, Integer> statements,
                       Map<String, String> machine, Set<String> jmhSettings) {
        this.measurements = measurements;
        this.statements = statements;
        this.machine = machine;
        this.jmhSettings = jmhSettings;
    }

    static ReportData load(Path jmhResults, Path statementCounts, Path machineDescription) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        Map<Key, Measurement> measurements = new LinkedHashMap<>();
        Set<String> jmhSettings = new LinkedHashSet<>();
        for (JsonNode result : mapper.readTree(jmhResults.toFile())) {
            Optional<Measurement> measurement = toMeasurement(result);
            if (measurement.isEmpty()) {
                continue;
            }
            Measurement m = measurement.get();
            if (measurements.put(new Key(m.contender(), m.scenario(), m.latencyMs()), m) != null) {
                System.err.printf("warning: several results for %s / %s / %d ms, keeping the last%n",
                        m.contender(), m.scenario(), m.latencyMs());
            }
            jmhSettings.add(settingsOf(result));
        }
        Map<String, Integer> statements = new LinkedHashMap<>();
        mapper.readTree(statementCounts.toFile()).properties()
                .forEach(entry -> statements.put(entry.getKey(), entry.getValue().asInt()));
        Map<String, String> machine = new LinkedHashMap<>();
        mapper.readTree(machineDescription.toFile()).properties()
                .forEach(entry -> machine.put(entry.getKey(), entry.getValue().asText()));
        return new ReportData(Map.copyOf(measurements), Map.copyOf(statements),
                Collections.unmodifiableMap(machine), Collections.unmodifiableSet(jmhSettings));
    }

    private static Optional<Measurement> toMeasurement(JsonNode result) {
        JsonNode params = result.path("params");
        String benchmark = result.path("benchmark").asText();
        if (!params.hasNonNull("contender") || !params.hasNonNull("scenario") || !params.hasNonNull("latencyMs")) {
            System.err.println("warning: skipping " + benchmark + ": needs params contender, scenario and latencyMs");
            return Optional.empty();
        }
        JsonNode primary = result.path("primaryMetric");
        String unit = primary.path("scoreUnit").asText();
        double toMillis = millisPerUnit(unit.endsWith("/op") ? unit.substring(0, unit.length() - 3) : "");
        if (Double.isNaN(toMillis)) {
            System.err.println("warning: skipping " + benchmark + ": unsupported unit " + unit + " (need time/op)");
            return Optional.empty();
        }
        JsonNode alloc = result.path("secondaryMetrics").path("gc.alloc.rate.norm");
        return Optional.of(new Measurement(
                params.get("contender").asText(),
                params.get("scenario").asText(),
                Integer.parseInt(params.get("latencyMs").asText()),
                number(primary.path("score")) * toMillis,
                number(primary.path("scoreError")) * toMillis,
                alloc.isMissingNode() ? OptionalDouble.empty() : OptionalDouble.of(number(alloc.path("score")))));
    }

    private static double millisPerUnit(String timeUnit) {
        return switch (timeUnit) {
            case "ns" -> 1e-6;
            case "us" -> 1e-3;
            case "ms" -> 1;
            case "s" -> 1e3;
            default -> Double.NaN;
        };
    }

    /** JMH writes a missing score error as the string {@code "NaN"}. */
    private static double number(JsonNode node) {
        return node.isNumber() ? node.asDouble() : Double.NaN;
    }

    private static String settingsOf(JsonNode result) {
        return "%s fork(s), warmup %s × %s, measurement %s × %s, mode %s, JMH %s, %s (%s)".formatted(
                result.path("forks").asText("?"),
                result.path("warmupIterations").asText("?"), result.path("warmupTime").asText("?"),
                result.path("measurementIterations").asText("?"), result.path("measurementTime").asText("?"),
                result.path("mode").asText("?"), result.path("jmhVersion").asText("?"),
                result.path("jvm").asText("?"), result.path("vmVersion").asText("?"));
    }

    /** Scenarios with at least one result, in report order. */
    List<String> scenarios() {
        Set<String> present = new LinkedHashSet<>();
        measurements.values().forEach(m -> present.add(m.scenario()));
        List<String> ordered = new ArrayList<>(SCENARIO_ORDER.stream().filter(present::contains).toList());
        present.stream().filter(scenario -> !ordered.contains(scenario)).sorted().forEach(ordered::add);
        return ordered;
    }

    /** Contenders measured in {@code scenario}, fastest at 0 ms first; those without a 0 ms result last. */
    List<String> contenders(String scenario) {
        Comparator<String> byTime = Comparator
                .comparingDouble((String contender) -> timeOrInfinity(contender, scenario, 0))
                .thenComparingDouble(contender -> timeOrInfinity(contender, scenario, 1))
                .thenComparing(Comparator.naturalOrder());
        return measurements.values().stream()
                .filter(m -> m.scenario().equals(scenario))
                .map(Measurement::contender)
                .distinct()
                .sorted(byTime)
                .toList();
    }

    private double timeOrInfinity(String contender, String scenario, int latencyMs) {
        return measurement(contender, scenario, latencyMs).map(Measurement::timeMs).orElse(Double.POSITIVE_INFINITY);
    }

    Optional<Measurement> measurement(String contender, String scenario, int latencyMs) {
        return Optional.ofNullable(measurements.get(new Key(contender, scenario, latencyMs)));
    }

    /** All measurements, for the chart's axis range. */
    List<Measurement> measurements() {
        return List.copyOf(measurements.values());
    }

    OptionalInt statements(String contender, String scenario) {
        Integer count = statements.get(contender + "|" + scenario);
        return count == null ? OptionalInt.empty() : OptionalInt.of(count);
    }

    /** The machine description as given, in file order. */
    Map<String, String> machine() {
        return machine;
    }

    /** The distinct JMH run settings found in the results (normally exactly one). */
    Set<String> jmhSettings() {
        return jmhSettings;
    }
}
