package dev.fetchplan.example.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Sends GET requests from many clients at once (one virtual thread and one keep-alive connection each) for a
 * while, each to a path drawn from a mix, and records every outcome: status, latency, when it ended, and what a
 * check of its body found. A request that gets no answer within {@link #CLIENT_TIMEOUT} is an outcome with
 * status 0 — the driver never waits forever, so a hang shows up as such.
 */
public final class LoadDriver {

    /** How long a client waits for an answer before it records a hang. */
    public static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);

    /**
     * One request: its endpoint (the path's label), status (0: no answer), latency, end ({@code System.nanoTime()}),
     * problems found in its body, and the body of an answer other than 200.
     */
    public record Outcome(String endpoint, int status, long nanos, long endedAt, List<String> problems, String error) {
    }

    /** A path to request and the label its outcomes are grouped by. */
    public record Request(String endpoint, String path) {
    }

    private LoadDriver() {
    }

    /**
     * Runs {@code clients} clients against {@code port} for {@code duration}, each request's path from {@code mix};
     * {@code check} inspects each 200 response's body (given the request) and returns what is wrong with it.
     */
    public static List<Outcome> run(int port, int clients, Duration duration, Function<ThreadLocalRandom, Request> mix,
                                    Function<Request, Function<String, List<String>>> check) throws InterruptedException {
        List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        long until = System.nanoTime() + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int client = 0; client < clients; client++) {
            threads.add(Thread.ofVirtual().name("load-client-" + client).start(() -> {
                try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5)).build()) {
                    while (System.nanoTime() < until) {
                        outcomes.add(send(http, port, mix.apply(ThreadLocalRandom.current()), check));
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return List.copyOf(outcomes);
    }

    private static Outcome send(HttpClient http, int port, Request request, Function<Request, Function<String, List<String>>> check) {
        long sent = System.nanoTime();
        int status;
        List<String> problems;
        String error = "";
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + request.path()))
                    .timeout(CLIENT_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
            status = response.statusCode();
            problems = status == 200 ? check.apply(request).apply(response.body()) : List.of();
            if (status != 200) {
                error = response.body();
            }
            if (status != 200 && !response.body().startsWith("{\"error\":")) {
                problems = List.of("status " + status + " without a JSON error body: " + response.body());
            }
        } catch (IOException e) {
            status = 0;
            problems = List.of("no answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 0;
            problems = List.of("interrupted");
        }
        long ended = System.nanoTime();
        return new Outcome(request.endpoint(), status, ended - sent, ended, problems, error);
    }
}
