package dev.fetchplan.example;

import dev.fetchplan.QueryGuard;
import dev.fetchplan.postgres.PostgresSettings;
import io.javalin.Javalin;

/**
 * Starts the service: database (embedded PostgreSQL unless {@code FETCHPLAN_JDBC_URL} is set), migrations,
 * seed, HTTP on {@code PORT}. Ctrl-C stops the HTTP server, the pool and the embedded database.
 */
public final class ExampleApp implements AutoCloseable {

    private final Database database;
    private final Javalin http;

    private ExampleApp(Database database, Javalin http) {
        this.database = database;
        this.http = http;
    }

    /** Opens the database and starts serving; {@code settings.port()} 0 picks a free port. */
    static ExampleApp start(PostgresSettings postgres, AppSettings settings) {
        Database database = Database.open(postgres, settings);
        try {
            Javalin http = BlogHttpApi.create(database, QueryGuard.of(settings.guardMode())).start(settings.port());
            return new ExampleApp(database, http);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    int port() {
        return http.port();
    }

    Database database() {
        return database;
    }

    @Override
    public void close() {
        http.stop();
        database.close();
    }

    public static void main(String[] args) {
        AppSettings settings = AppSettings.fromEnvironment(System.getenv());
        ExampleApp app = start(PostgresSettings.fromEnvironment(), settings);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping: HTTP server, connection pool, database.");
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

                Every response carries X-Query-Count and Server-Timing. Stop with Ctrl-C.
                """.formatted(url, settings.guardMode().name().toLowerCase(java.util.Locale.ROOT)));
    }
}
