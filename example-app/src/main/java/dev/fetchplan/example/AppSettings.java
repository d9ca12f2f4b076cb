package dev.fetchplan.example;

import dev.fetchplan.QueryGuard;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The service's settings, from the environment: {@code PORT} (default 8080), {@code FETCHPLAN_SEED_USERS}
 * (default 1000), {@code FETCHPLAN_SEED} ({@code true} seeds even a non-empty database), {@code FETCHPLAN_GUARD}
 * (strict, log or off; default strict), {@code FETCHPLAN_ROUND_TRIP_MS} (the round trip to the database that
 * {@code strategy=auto} decides by; measured at start when absent). Where the database comes from is
 * {@code PostgresSettings}' business.
 */
record AppSettings(int port, int seedUsers, boolean forceSeed, QueryGuard.Mode guardMode, Optional<Duration> roundTrip) {

    static AppSettings fromEnvironment(Map<String, String> environment) {
        return new AppSettings(
                integer(environment, "PORT", 8080, 0, 65_535),
                integer(environment, "FETCHPLAN_SEED_USERS", 1000, 1, 1_000_000),
                Boolean.parseBoolean(environment.getOrDefault("FETCHPLAN_SEED", "false")),
                guardMode(environment.getOrDefault("FETCHPLAN_GUARD", "strict")),
                environment.containsKey("FETCHPLAN_ROUND_TRIP_MS")
                        ? Optional.of(Duration.ofMillis(integer(environment, "FETCHPLAN_ROUND_TRIP_MS", 0, 0, 60_000)))
                        : Optional.empty());
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

    private static QueryGuard.Mode guardMode(String value) {
        try {
            return QueryGuard.Mode.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("FETCHPLAN_GUARD is '" + value + "'; allowed: strict, log, off", e);
        }
    }
}
