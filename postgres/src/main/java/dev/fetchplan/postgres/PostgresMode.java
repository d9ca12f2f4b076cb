package dev.fetchplan.postgres;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where a {@link PostgresServer} comes from. */
public enum PostgresMode {
    /** A PostgreSQL started from the zonky binaries on the classpath, in a temporary or given directory. */
    EMBEDDED,
    /** An already running server named by {@code FETCHPLAN_JDBC_URL}. */
    EXTERNAL,
    /** A {@code postgres:<major>} container started by Testcontainers; needs a Docker engine. */
    TESTCONTAINERS;

    /** Parses {@code embedded}, {@code external} or {@code testcontainers}, ignoring case. */
    public static PostgresMode parse(String value) {
        for (PostgresMode mode : values()) {
            if (mode.name().equalsIgnoreCase(value.strip())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("fetchplan.postgres is '" + value + "'; allowed: " + allowedValues());
    }

    static String allowedValues() {
        return Arrays.stream(values()).map(mode -> mode.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    }
}
