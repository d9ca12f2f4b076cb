package dev.fetchplan.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fetchplan.example.reliability.Summary;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fault-and-load scenarios of docs/reliability.md at a small scale (seconds, 8 clients; {@code bin/loadtest}
 * runs them at 64 clients for minutes): the service on a database server of its own, terminated, stopped, slowed
 * and written to while it serves a mix of every endpoint and strategy.
 */
class ReliabilityTest {

    private static Reliability reliability;

    @BeforeAll
    static void start() {
        reliability = Reliability.start(200, Map.of());
    }

    @AfterAll
    static void stop() {
        reliability.close();
    }

    @Test
    void terminatingEveryBackendOfTheServiceUnderLoadFailsNoRead() throws Exception {
        Reliability.Result result = reliability.kills(8, Duration.ofSeconds(6), Duration.ofMillis(1_500));
        assertThat(result.events()).as(result.note()).isGreaterThanOrEqualTo(3);
        assertThat(result.summary().problems()).isEmpty();
        assertThat(result.summary().failed()).as(result.summary().line()).isZero();
    }

    @Test
    void concurrentWritersNeverTearATree() throws Exception {
        Reliability.Result result = reliability.writers(8, Duration.ofSeconds(5), 2);
        assertThat(result.events()).as(result.note()).isPositive();
        assertThat(result.summary().problems()).as(result.note()).isEmpty();
        assertThat(result.summary().failed()).as(result.summary().line()).isZero();
    }

    @Test
    void aStoppedDatabaseIsAnswered503WithoutAHangAndServedAgainWithinFiveSecondsOfItsReturn() throws Exception {
        Reliability.StopResult result = reliability.stop(8, Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(7));
        Summary summary = result.summary();
        assertThat(summary.statuses()).as(summary.line()).containsKey(503).containsOnlyKeys(200, 503);
        assertThat(summary.problems()).isEmpty();
        assertThat(Duration.ofNanos(summary.maxNanos())).as("no answer later than the statement timeout").isLessThan(Duration.ofSeconds(5));
        assertThat(result.recovery()).isLessThanOrEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aSlowDatabaseSaturatesThePoolAndRequestsAreAnswered503Quickly() throws Exception {
        Reliability.Result result = reliability.slow(16, Duration.ofSeconds(4), Duration.ofMillis(200), 2);
        Summary summary = result.summary();
        assertThat(summary.statuses()).as(summary.line()).containsKey(503).containsOnlyKeys(200, 503);
        assertThat(summary.problems()).isEmpty();
        assertThat(Duration.ofNanos(summary.maxNanos())).as("no answer later than the statement timeout").isLessThan(Duration.ofSeconds(5));
    }
}
