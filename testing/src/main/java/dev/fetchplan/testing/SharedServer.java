package dev.fetchplan.testing;

import dev.fetchplan.postgres.Migrations;
import dev.fetchplan.postgres.PostgresServer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one server a test JVM uses, started on first use and stopped when the JVM exits, and the migrated
 * template databases on it (one per set of migration locations, migrated once per JVM).
 */
final class SharedServer {

    private static final String RUN_ID = Long.toString(ProcessHandle.current().pid());
    private static final AtomicInteger DATABASE_COUNTER = new AtomicInteger();
    private static final ConcurrentMap<String, String> TEMPLATES = new ConcurrentHashMap<>();
    private static volatile PostgresServer server;

    private SharedServer() {
    }

    static PostgresServer server() {
        PostgresServer current = server;
        if (current == null) {
            synchronized (SharedServer.class) {
                current = server;
                if (current == null) {
                    current = PostgresServer.start();
                    server = current;
                    PostgresServer started = current;
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        TEMPLATES.values().forEach(started::dropDatabase);
                        started.close();
                    }, "fetchplan-test-postgres-stop"));
                }
            }
        }
        return current;
    }

    /** The name of a template database migrated with {@code locations}; migrates it on first request. */
    static String migratedTemplate(String locations) {
        return TEMPLATES.computeIfAbsent(locations, key -> {
            String template = "fetchplan_template_" + RUN_ID + "_" + DATABASE_COUNTER.incrementAndGet();
            PostgresServer postgres = server();
            postgres.dropDatabase(template);
            postgres.createDatabase(template);
            Migrations.migrate(postgres.dataSource(template), key.split(","));
            return template;
        });
    }

    /** A database name no other test class in any concurrently running JVM on the server uses. */
    static String uniqueDatabaseName() {
        return "fetchplan_test_" + RUN_ID + "_" + DATABASE_COUNTER.incrementAndGet();
    }
}
