package dev.fetchplan.example;

import dev.fetchplan.QueryGuard;
import dev.fetchplan.postgres.PostgresSettings;
import io.javalin.Javalin;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the service: database (embedded PostgreSQL unless {@code FETCHPLAN_JDBC_URL} is set), migrations,
 * seed, HTTP on {@code PORT}. Closing it (Ctrl-C) stops taking requests, drains those in flight for up to
 * {@code FETCHPLAN_DRAIN_MS}, stops the HTTP server, closes the pools and stops the embedded database: each step
 * runs even if the one before failed.
 */
public final class ExampleApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExampleApp.class);
    /** The most bytes of request line and headers a request may have (Jetty answers 414 or 431 beyond). */
    static final int MAX_REQUEST_HEADER_BYTES = 8 * 1024;

    private final Database database;
    private final BlogHttpApi api;
    private final Javalin http;
    private final Duration drain;

    private ExampleApp(Database database, BlogHttpApi api, Javalin http, Duration drain) {
        this.database = database;
        this.api = api;
        this.http = http;
        this.drain = drain;
    }

    /** Opens the database and starts serving; {@code settings.port()} 0 picks a free port. */
    static ExampleApp start(PostgresSettings postgres, AppSettings settings) {
        // The app's own shutdown hook stops an embedded server, after draining the requests that still use it.
        Database database = Database.open(postgres, settings, false);
        try {
            BlogHttpApi api = BlogHttpApi.create(database, QueryGuard.of(settings.guardMode()), settings);
            Javalin http = api.javalin().start(settings.port());
            return new ExampleApp(database, api, http, settings.drain());
        } catch (RuntimeException e) {
            Database.closeAll(List.of(database), e);
            throw e;
        }
    }

    int port() {
        return http.port();
    }

    /** Requests being served now. */
    int requestsInFlight() {
        return api.requestsInFlight();
    }

    Database database() {
        return database;
    }

    @Override
    public void close() {
        RuntimeException failure = Database.closeAll(List.<AutoCloseable>of(this::drain, http::stop, database), null);
        if (failure != null) {
            throw failure;
        }
    }

    private void drain() {
        try {
            if (!api.drain(drain)) {
                LOG.warn("Requests still in flight after {} ms of draining; stopping anyway", drain.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("Interrupted while draining requests; stopping anyway");
        }
    }

    public static void main(String[] args) {
        AppSettings settings = AppSettings.fromEnvironment(System.getenv());
        ExampleApp app = start(PostgresSettings.fromEnvironment(), settings);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping: draining requests, then HTTP server, connection pools, database.");
            app.close();
        }, "fetchplan-example-stop"));
        String url = "http://localhost:" + app.port();
        System.out.println("""

                fetchplan example app is running at %1$s (N+1 guard: %2$s). Try:

                  curl -i '%1$s/users?limit=3'
                  curl -i '%1$s/users-with-posts?limit=2&postsPerUser=2&strategy=multiset'
                  curl -i '%1$s/users-with-posts-and-comments?limit=2&postsPerUser=2&commentsPerPost=2'
                  curl -i '%1$s/users/1'
                  curl -i '%1$s/stats/post-counts?limit=5'
                  curl -i '%1$s/health'
                  curl -i '%1$s/ready'

                Every response carries X-Query-Count and Server-Timing. Stop with Ctrl-C.
                """.formatted(url, settings.guardMode().name().toLowerCase(java.util.Locale.ROOT)));
    }
}
