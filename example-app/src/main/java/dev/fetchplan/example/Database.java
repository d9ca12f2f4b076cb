package dev.fetchplan.example;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.fetchplan.FetchStrategy;
import dev.fetchplan.postgres.BlogSeed;
import dev.fetchplan.postgres.Migrations;
import dev.fetchplan.postgres.PostgresMode;
import dev.fetchplan.postgres.PostgresServer;
import dev.fetchplan.postgres.PostgresSettings;
import java.time.Duration;
import java.util.Arrays;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's database: the server {@link PostgresSettings} names (embedded by default, {@code FETCHPLAN_JDBC_URL}
 * otherwise), a HikariCP pool on it, migrated on open and seeded when empty (or when asked). Closing it closes
 * the pool and stops an embedded server.
 */
final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final String EMBEDDED_DATABASE = "blog";

    private final PostgresServer server;
    private final HikariDataSource pool;
    final DSLContext dsl;

    private Database(PostgresServer server, HikariDataSource pool) {
        this.server = server;
        this.pool = pool;
        this.dsl = DSL.using(pool, SQLDialect.POSTGRES);
    }

    static Database open(PostgresSettings settings, AppSettings app) {
        PostgresServer server = PostgresServer.start(settings);
        try {
            String database = server.defaultDatabase();
            if (settings.mode() != PostgresMode.EXTERNAL) {
                server.createDatabase(EMBEDDED_DATABASE);
                database = EMBEDDED_DATABASE;
            }
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(server.jdbcUrl(database));
            config.setUsername(server.user());
            config.setPassword(server.password());
            config.setMaximumPoolSize(10);
            // Fail a request fast with 503 when the database is gone, instead of holding it for 30 s.
            config.setConnectionTimeout(2_000);
            config.setInitializationFailTimeout(10_000);
            config.setPoolName("fetchplan-example");
            HikariDataSource pool = new HikariDataSource(config);
            Database opened = new Database(server, pool);
            int applied = Migrations.migrate(pool, Migrations.BLOG_LOCATION);
            boolean empty = opened.dsl.fetchSingle("SELECT NOT EXISTS (SELECT 1 FROM users)").get(0, Boolean.class);
            if (empty || app.forceSeed()) {
                long started = System.nanoTime();
                int users = BlogSeed.seed(opened.dsl, app.seedUsers());
                LOG.info("Seeded {} users in {} ms", users, (System.nanoTime() - started) / 1_000_000);
            }
            Duration roundTrip = app.roundTrip().orElseGet(() -> roundTrip(opened.dsl));
            opened.dsl.configuration().data(FetchStrategy.ROUND_TRIP, roundTrip);
            LOG.info("Database ready on {} ({} migration(s) applied; round trip {} µs {}, so strategy=auto runs {} up to {} users)",
                    server.description(), applied, roundTrip.toNanos() / 1_000, app.roundTrip().isPresent() ? "as configured" : "measured",
                    roundTrip.compareTo(FetchStrategy.STACKED_FROM) >= 0 ? "STACKED" : "BATCHED", FetchStrategy.STACKED_UP_TO);
            return opened;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * The median of 50 {@code SELECT 1} round trips on one connection, after 20 to warm it up: what each extra
     * statement of a fetch costs, for {@link FetchStrategy#AUTO}.
     */
    static Duration roundTrip(DSLContext dsl) {
        return dsl.connectionResult(connection -> {
            DSLContext pinned = DSL.using(connection, SQLDialect.POSTGRES);
            long[] nanos = new long[50];
            for (int i = -20; i < nanos.length; i++) {
                long started = System.nanoTime();
                pinned.selectOne().fetch();
                if (i >= 0) {
                    nanos[i] = System.nanoTime() - started;
                }
            }
            Arrays.sort(nanos);
            return Duration.ofNanos(nanos[nanos.length / 2]);
        });
    }

    /** Whether the database answers a trivial query now. */
    boolean answers() {
        try {
            return dsl.fetchSingle("SELECT 1").get(0, Integer.class) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Stops the database server (embedded or container) but keeps the pool: for outage tests and demos. */
    void stopServer() {
        server.close();
    }

    PostgresServer server() {
        return server;
    }

    String jdbcUrl() {
        return pool.getJdbcUrl();
    }

    @Override
    public void close() {
        pool.close();
        server.close();
    }
}
