package dev.fetchplan.postgres;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;

/**
 * How to obtain a PostgreSQL: the mode, the required major version (if any), the external server's
 * coordinates and, for an embedded server that should outlive the process, its data directory.
 *
 * @param mode where the server comes from
 * @param requiredMajorVersion the major version the server must report, or empty for any
 * @param jdbcUrl the external server's URL (only for {@link PostgresMode#EXTERNAL})
 * @param user the external server's user
 * @param password the external server's password
 * @param embeddedDataDirectory a persistent data directory for the embedded server, or empty for a temporary one
 */
public record PostgresSettings(
        PostgresMode mode,
        OptionalInt requiredMajorVersion,
        Optional<String> jdbcUrl,
        String user,
        String password,
        Optional<Path> embeddedDataDirectory) {

    /** Supported PostgreSQL majors, inclusive. */
    public static final int OLDEST_SUPPORTED_MAJOR = 15;
    public static final int NEWEST_SUPPORTED_MAJOR = 18;

    public PostgresSettings {
        if (mode == PostgresMode.EXTERNAL && jdbcUrl.isEmpty()) {
            throw new IllegalArgumentException("fetchplan.postgres=external needs FETCHPLAN_JDBC_URL (e.g. jdbc:postgresql://localhost:5432/fetchplan)");
        }
        requiredMajorVersion.ifPresent(PostgresSettings::checkSupported);
    }

    /** An embedded server of whatever version the binaries on the classpath are, in a temporary directory. */
    public static PostgresSettings embedded() {
        return new PostgresSettings(PostgresMode.EMBEDDED, OptionalInt.empty(), Optional.empty(), "postgres", "", Optional.empty());
    }

    /** The same settings, but an embedded server keeps its data in {@code directory} across restarts. */
    public PostgresSettings withEmbeddedDataDirectory(Path directory) {
        return new PostgresSettings(mode, requiredMajorVersion, jdbcUrl, user, password, Optional.of(directory));
    }

    /**
     * Reads the settings from system properties, falling back to environment variables:
     * {@code fetchplan.postgres} / {@code FETCHPLAN_POSTGRES} (embedded, external, testcontainers),
     * {@code fetchplan.postgres.version} / {@code FETCHPLAN_POSTGRES_VERSION} (15..18),
     * {@code fetchplan.jdbc.url} / {@code FETCHPLAN_JDBC_URL} (its presence alone selects external),
     * {@code FETCHPLAN_DB_USER} and {@code FETCHPLAN_DB_PASSWORD}.
     */
    public static PostgresSettings fromEnvironment() {
        return from(System.getenv(), System.getProperties()::getProperty);
    }

    static PostgresSettings from(Map<String, String> environment, UnaryOperator<String> systemProperties) {
        Optional<String> jdbcUrl = setting(environment, systemProperties, "fetchplan.jdbc.url", "FETCHPLAN_JDBC_URL");
        PostgresMode mode = setting(environment, systemProperties, "fetchplan.postgres", "FETCHPLAN_POSTGRES")
                .map(PostgresMode::parse)
                .orElse(jdbcUrl.isPresent() ? PostgresMode.EXTERNAL : PostgresMode.EMBEDDED);
        OptionalInt version = setting(environment, systemProperties, "fetchplan.postgres.version", "FETCHPLAN_POSTGRES_VERSION")
                .map(PostgresSettings::parseMajor)
                .map(OptionalInt::of)
                .orElse(OptionalInt.empty());
        String user = setting(environment, systemProperties, "fetchplan.db.user", "FETCHPLAN_DB_USER").orElse("postgres");
        String password = setting(environment, systemProperties, "fetchplan.db.password", "FETCHPLAN_DB_PASSWORD").orElse("");
        return new PostgresSettings(mode, version, mode == PostgresMode.EXTERNAL ? jdbcUrl : Optional.empty(), user, password, Optional.empty());
    }

    private static Optional<String> setting(Map<String, String> environment, UnaryOperator<String> systemProperties,
                                            String property, String variable) {
        String value = systemProperties.apply(property);
        if (value == null || value.isBlank()) {
            value = environment.get(variable);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static int parseMajor(String value) {
        try {
            return checkSupported(Integer.parseInt(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("fetchplan.postgres.version is '" + value + "'; allowed: a major version from "
                    + OLDEST_SUPPORTED_MAJOR + " to " + NEWEST_SUPPORTED_MAJOR, e);
        }
    }

    private static int checkSupported(int major) {
        if (major < OLDEST_SUPPORTED_MAJOR || major > NEWEST_SUPPORTED_MAJOR) {
            throw new IllegalArgumentException("fetchplan.postgres.version is " + major + "; allowed: a major version from "
                    + OLDEST_SUPPORTED_MAJOR + " to " + NEWEST_SUPPORTED_MAJOR);
        }
        return major;
    }
}
