/**
 * The example HTTP service: the fetchplan library used the way users' services will use it — Javalin on Jetty
 * with virtual threads, HikariCP, Flyway migrations on start, a deterministic seed, and the N+1 guard on every
 * request ({@code X-Query-Count} and {@code Server-Timing} on every response). {@link dev.fetchplan.example.Demo}
 * measures naive N+1 against BATCHED and MULTISET through a latency-adding proxy.
 */
package dev.fetchplan.example;
