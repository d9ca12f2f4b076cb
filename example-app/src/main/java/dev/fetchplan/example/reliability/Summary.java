package dev.fetchplan.example.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Figures of a load run: per endpoint, requests, statuses, latency percentiles, and the problems found. */
public record Summary(List<Endpoint> endpoints, long requests, Map<Integer, Long> statuses, Map<String, Long> errors, List<String> problems,
                      long maxNanos) {

    /** One endpoint's figures; latencies in milliseconds. */
    public record Endpoint(String endpoint, long requests, long failed, double p50, double p99, double max) {
    }

    public static Summary of(List<LoadDriver.Outcome> outcomes) {
        Map<String, List<LoadDriver.Outcome>> byEndpoint = outcomes.stream()
                .collect(Collectors.groupingBy(LoadDriver.Outcome::endpoint, TreeMap::new, Collectors.toList()));
        List<Endpoint> endpoints = new ArrayList<>();
        byEndpoint.forEach((endpoint, list) -> {
            long[] nanos = list.stream().mapToLong(LoadDriver.Outcome::nanos).sorted().toArray();
            endpoints.add(new Endpoint(endpoint, list.size(), list.stream().filter(outcome -> outcome.status() != 200).count(),
                    percentile(nanos, 0.50), percentile(nanos, 0.99), nanos[nanos.length - 1] / 1e6));
        });
        Map<Integer, Long> statuses = outcomes.stream()
                .collect(Collectors.groupingBy(LoadDriver.Outcome::status, TreeMap::new, Collectors.counting()));
        Map<String, Long> errors = outcomes.stream().filter(outcome -> outcome.status() != 200)
                .collect(Collectors.groupingBy(outcome -> outcome.status() + " " + outcome.error(), TreeMap::new, Collectors.counting()));
        List<String> problems = outcomes.stream().flatMap(outcome -> outcome.problems().stream()).toList();
        long max = outcomes.stream().mapToLong(LoadDriver.Outcome::nanos).max().orElse(0);
        return new Summary(endpoints, outcomes.size(), statuses, errors, problems, max);
    }

    /** Requests not answered 200. */
    public long failed() {
        return requests - statuses.getOrDefault(200, 0L);
    }

    /** A markdown table of the endpoints. */
    public String table() {
        StringBuilder table = new StringBuilder("| endpoint | requests | not 200 | p50 ms | p99 ms | max ms |\n|---|---:|---:|---:|---:|---:|\n");
        for (Endpoint endpoint : endpoints) {
            table.append(String.format(Locale.ROOT, "| `%s` | %,d | %,d | %.1f | %.1f | %.1f |%n", endpoint.endpoint(), endpoint.requests(),
                    endpoint.failed(), endpoint.p50(), endpoint.p99(), endpoint.max()));
        }
        return table.toString();
    }

    /** One line: requests, statuses, problems, the slowest answer, and the answers other than 200 by body. */
    public String line() {
        return String.format(Locale.ROOT, "%,d requests, statuses %s, %d problem(s), slowest answer %.0f ms%s", requests, statuses,
                problems.size(), maxNanos / 1e6, errors.isEmpty() ? "" : "; answers other than 200: " + errors);
    }

    private static double percentile(long[] sorted, double fraction) {
        int index = (int) Math.ceil(fraction * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
