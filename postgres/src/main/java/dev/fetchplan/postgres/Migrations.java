package dev.fetchplan.postgres;

import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Applies fetchplan's Flyway migrations; the migration files themselves live in the schema module. */
public final class Migrations {

    /**
     * Where the schema module's jar keeps the blog's migrations: a location of their own, so that a service
     * depending on it never gets them from Flyway's default {@code db/migration}.
     */
    public static final String BLOG_LOCATION = "classpath:db/fetchplan/blog";

    private Migrations() {
    }

    /**
     * Migrates {@code dataSource} to the newest version found at {@code locations} (Flyway location syntax,
     * {@code classpath:} or {@code filesystem:}); a database that is already current is left as it is.
     *
     * @return how many migrations were applied (0 when the database was already current)
     */
    public static int migrate(DataSource dataSource, String... locations) {
        return flyway(dataSource, locations).migrate().migrationsExecuted;
    }

    /** Checks that the applied migrations match the files at {@code locations}; throws if they do not. */
    public static void validate(DataSource dataSource, String... locations) {
        flyway(dataSource, locations).validate();
    }

    private static Flyway flyway(DataSource dataSource, String... locations) {
        Objects.requireNonNull(dataSource, "dataSource");
        if (locations.length == 0) {
            throw new IllegalArgumentException("locations is empty; allowed: one or more Flyway locations such as " + BLOG_LOCATION);
        }
        return Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(locations)
                .failOnMissingLocations(true)
                .load();
    }
}
