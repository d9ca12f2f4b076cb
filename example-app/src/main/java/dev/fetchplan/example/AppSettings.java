package dev.fetchplan.example;

import dev.fetchplan.QueryGuard;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The service's settings, from the environment (see example-app/README.md for each variable, its default and its
 * range). Where the database comes from is {@code PostgresSettings}' business.
 *
 * @param port              {@code PORT}, 0 picks a free one
 * @param seedUsers         {@code FETCHPLAN_SEED_USERS}: users seeded into an empty database
 * @param resetSeed         {@code FETCHPLAN_SEED=reset}: empty the blog's tables and seed again on start
 * @param guardMode         {@code FETCHPLAN_GUARD}
 * @param roundTrip         {@code FETCHPLAN_ROUND_TRIP_MS}: the round trip {@code strategy=auto} decides by; measured when absent
 * @param statementTimeout  {@code FETCHPLAN_STATEMENT_TIMEOUT_MS}: per statement on the server and per fetch in the engine
 * @param maxRows           {@code FETCHPLAN_MAX_ROWS}: rows a response may carry, over all levels
 * @param poolSize          {@code FETCHPLAN_POOL_SIZE}: connections for requests
 * @param maxInFlight       {@code FETCHPLAN_MAX_IN_FLIGHT}: requests served at once; more are answered 503 at once
 * @param drain             {@code FETCHPLAN_DRAIN_MS}: how long shutdown waits for requests in flight
 * @param replicaUrls       {@code FETCHPLAN_REPLICA_URLS}: JDBC URLs of streaming replicas of the database, comma-separated
 */
record AppSettings(int port, int seedUsers, boolean resetSeed, QueryGuard.Mode guardMode, Optional<Duration> roundTrip,
                   Duration statementTimeout, int maxRows, int poolSize, int maxInFlight, Duration drain, List<String> replicaUrls) {

    static AppSettings fromEnvironment(Map<String, String> environment) {
        return new AppSettings(
                integer(environment, "PORT", 8080, 0, 65_535),
                integer(environment, "FETCHPLAN_SEED_USERS", 1000, 1, 1_000_000),
                seedMode(environment.getOrDefault("FETCHPLAN_SEED", "if-empty")),
                guardMode(environment.getOrDefault("FETCHPLAN_GUARD", "strict")),
                environment.containsKey("FETCHPLAN_ROUND_TRIP_MS")
                        ? Optional.of(Duration.ofMillis(integer(environment, "FETCHPLAN_ROUND_TRIP_MS", 0, 0, 60_000)))
                        : Optional.empty(),
                Duration.ofMillis(integer(environment, "FETCHPLAN_STATEMENT_TIMEOUT_MS", 5_000, 100, 600_000)),
                integer(environment, "FETCHPLAN_MAX_ROWS", 20_000, 1, 10_000_000),
                integer(environment, "FETCHPLAN_POOL_SIZE", 10, 1, 200),
                integer(environment, "FETCHPLAN_MAX_IN_FLIGHT", 256, 1, 100_000),
                Duration.ofMillis(integer(environment, "FETCHPLAN_DRAIN_MS", 10_000, 0, 600_000)),
                replicaUrls(environment.getOrDefault("FETCHPLAN_REPLICA_URLS", "")));
    }

    private static List<String> replicaUrls(String value) {
        List<String> urls = Arrays.stream(value.split(",")).map(String::strip).filter(url -> !url.isEmpty()).toList();
        for (String url : urls) {
            if (!url.startsWith("jdbc:postgresql://")) {
                throw new IllegalArgumentException("FETCHPLAN_REPLICA_URLS has '" + url + "'; allowed: jdbc:postgresql:// URLs separated "
                        + "by commas");
            }
        }
        return urls;
    }

    private static int integer(Map<String, String> environment, String name, int fallback, int min, int max) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // Reported below with the allowed range.
        }
        throw new IllegalArgumentException(name + " is '" + value + "'; allowed: a whole number from " + min + " to " + max);
    }

    private static boolean seedMode(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "if-empty" -> false;
            case "reset" -> true;
            default -> throw new IllegalArgumentException("FETCHPLAN_SEED is '" + value + "'; allowed: if-empty (seed an empty "
                    + "database only, the default), reset (empty the blog's tables and seed again)");
        };
    }

    private static QueryGuard.Mode guardMode(String value) {
        try {
            return QueryGuard.Mode.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("FETCHPLAN_GUARD is '" + value + "'; allowed: strict, log, off", e);
        }
    }
}
