package dev.fetchplan.example;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.fetchplan.FetchStrategy;
import dev.fetchplan.postgres.BlogSeed;
import dev.fetchplan.postgres.Migrations;
import dev.fetchplan.postgres.PostgresMode;
import dev.fetchplan.postgres.PostgresServer;
import dev.fetchplan.postgres.PostgresSettings;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's database: the server {@link PostgresSettings} names (embedded by default, {@code FETCHPLAN_JDBC_URL}
 * otherwise), a HikariCP pool on it for requests and a pool of one connection for readiness probes, migrated on
 * open and seeded when empty (or emptied and seeded again when asked). Every connection carries the statement
 * timeout (server side) and a socket timeout a little longer (client side), so no request holds a connection
 * longer than that. Closing it closes the pools and stops an embedded server; a failed open releases whatever it
 * had opened.
 */
final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final String EMBEDDED_DATABASE = "blog";
    /**
     * How long a request waits for a pooled connection before it is answered 503: twice the longest wait measured
     * while the pool recreated every connection the server had terminated (docs/reliability.md), well below the
     * statement timeout.
     */
    static final Duration CONNECTION_WAIT = Duration.ofMillis(2_000);
    /** The client gives a statement this much longer than the server's timeout before it gives up on the socket. */
    private static final Duration SOCKET_GRACE = Duration.ofSeconds(5);

    private final PostgresServer server;
    private final HikariDataSource pool;
    private final HikariDataSource probes;
    private final List<HikariDataSource> replicaPools;
    final DSLContext dsl;
    /** One DSLContext per replica of {@code FETCHPLAN_REPLICA_URLS}, in their order. */
    final List<DSLContext> replicas;

    private Database(PostgresServer server, HikariDataSource pool, HikariDataSource probes, List<HikariDataSource> replicaPools) {
        this.server = server;
        this.pool = pool;
        this.probes = probes;
        this.replicaPools = replicaPools;
        this.dsl = DSL.using(pool, SQLDialect.POSTGRES);
        this.replicas = replicaPools.stream().map(replica -> DSL.using(replica, SQLDialect.POSTGRES)).toList();
    }

    static Database open(PostgresSettings settings, AppSettings app) {
        return open(settings, app, true);
    }

    /**
     * Opens the database; with {@code stopOnExit} false an embedded server is left to {@link #close()} (the app's own
     * shutdown hook closes it after draining requests).
     */
    static Database open(PostgresSettings settings, AppSettings app, boolean stopOnExit) {
        // A pooled connection is checked on every borrow, not only after 500 ms idle: after the server terminated
        // every backend, a request (and its one retry) must not be handed one dead connection after another.
        System.setProperty("com.zaxxer.hikari.aliveBypassWindowMs", System.getProperty("com.zaxxer.hikari.aliveBypassWindowMs", "0"));
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            PostgresServer server = PostgresServer.start(settings, stopOnExit);
            opened.add(server);
            String database = server.defaultDatabase();
            if (settings.mode() != PostgresMode.EXTERNAL) {
                server.createDatabase(EMBEDDED_DATABASE);
                database = EMBEDDED_DATABASE;
            }
            HikariDataSource pool = new HikariDataSource(poolConfig(server, database, app, "fetchplan-example", app.poolSize(), app.poolSize()));
            opened.add(pool);
            HikariDataSource probes = new HikariDataSource(poolConfig(server, database, app, "fetchplan-example-probes", 1, 0));
            opened.add(probes);
            List<HikariDataSource> replicaPools = new ArrayList<>();
            for (String url : app.replicaUrls()) {
                HikariConfig replica = poolConfig(server, database, app, "fetchplan-example-replica-" + (replicaPools.size() + 1),
                        app.poolSize(), 0);
                replica.setJdbcUrl(url);
                // A replica that is down at start is skipped by the routing until it answers; it must not stop the app.
                replica.setInitializationFailTimeout(-1);
                HikariDataSource replicaPool = new HikariDataSource(replica);
                opened.add(replicaPool);
                replicaPools.add(replicaPool);
            }
            Database ready = new Database(server, pool, probes, List.copyOf(replicaPools));
            // Migrations and the seed may run longer than a request may: plain connections, without the timeouts.
            DataSource setup = server.dataSource(database);
            int applied = Migrations.migrate(setup, Migrations.BLOG_LOCATION);
            seed(DSL.using(setup, SQLDialect.POSTGRES), app);
            Duration roundTrip = app.roundTrip().orElseGet(() -> roundTrip(ready.dsl));
            ready.dsl.configuration().data(FetchStrategy.ROUND_TRIP, roundTrip);
            ready.replicas.forEach(replica -> replica.configuration().data(FetchStrategy.ROUND_TRIP, roundTrip));
            LOG.info("Database ready on {} ({} migration(s) applied; round trip {} µs {}, so strategy=auto runs {} up to {} users)",
                    server.description(), applied, roundTrip.toNanos() / 1_000, app.roundTrip().isPresent() ? "as configured" : "measured",
                    roundTrip.compareTo(FetchStrategy.STACKED_FROM) >= 0 ? "STACKED" : "BATCHED", FetchStrategy.STACKED_UP_TO);
            return ready;
        } catch (RuntimeException e) {
            Collections.reverse(opened);
            closeAll(opened, e);
            throw e;
        }
    }

    private static HikariConfig poolConfig(PostgresServer server, String database, AppSettings app, String name, int size, int minimumIdle) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.jdbcUrl(database));
        config.setUsername(server.user());
        config.setPassword(server.password());
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(minimumIdle);
        config.setConnectionTimeout(CONNECTION_WAIT.toMillis());
        config.setValidationTimeout(CONNECTION_WAIT.toMillis());
        config.setInitializationFailTimeout(10_000);
        config.setPoolName(name);
        config.addDataSourceProperty("options", "-c statement_timeout=" + app.statementTimeout().toMillis());
        config.addDataSourceProperty("socketTimeout", Long.toString(app.statementTimeout().plus(SOCKET_GRACE).toSeconds()));
        config.addDataSourceProperty("connectTimeout", Long.toString(Math.max(1, CONNECTION_WAIT.toSeconds())));
        config.addDataSourceProperty("tcpKeepAlive", "true");
        return config;
    }

    /** Seeds an empty database; with {@code FETCHPLAN_SEED=reset}, empties the blog's tables and seeds them again. */
    private static void seed(DSLContext dsl, AppSettings app) {
        if (app.resetSeed()) {
            dsl.execute("TRUNCATE users, posts, comments RESTART IDENTITY");
        } else if (!dsl.fetchSingle("SELECT NOT EXISTS (SELECT 1 FROM users)").get(0, Boolean.class)) {
            return;
        }
        long started = System.nanoTime();
        int users = BlogSeed.seed(dsl, app.seedUsers());
        LOG.info("Seeded {} users in {} ms", users, (System.nanoTime() - started) / 1_000_000);
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

    /** Whether the database answers a trivial query now, asked on the probes' own connection (requests cannot starve it). */
    boolean answers() {
        try (Connection connection = probes.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout((int) Math.max(1, CONNECTION_WAIT.toSeconds()));
            try (ResultSet result = statement.executeQuery("SELECT 1")) {
                return result.next() && result.getInt(1) == 1;
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Readiness probe failed", e);
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

    /** Closes the pools, then stops the server; each step runs even if the one before failed. */
    @Override
    public void close() {
        List<AutoCloseable> resources = new ArrayList<>(replicaPools);
        resources.addAll(List.of(probes, pool, server));
        RuntimeException failure = closeAll(resources, null);
        if (failure != null) {
            throw failure;
        }
    }

    /** Closes each of {@code resources} in order; what fails is added to {@code failure} (or becomes it) and returned. */
    static RuntimeException closeAll(List<? extends AutoCloseable> resources, RuntimeException failure) {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e instanceof RuntimeException runtime ? runtime : new IllegalStateException("closing " + resource + " failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        return failure;
    }
}
