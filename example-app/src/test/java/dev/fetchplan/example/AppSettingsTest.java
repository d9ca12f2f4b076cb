package dev.fetchplan.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The round trip strategy=auto decides by is measured unless the environment declares it. */
class AppSettingsTest {

    @Test
    void aDeclaredRoundTripIsTakenAsIs() {
        assertThat(AppSettings.fromEnvironment(Map.of("FETCHPLAN_ROUND_TRIP_MS", "2")).roundTrip()).contains(Duration.ofMillis(2));
        assertThat(AppSettings.fromEnvironment(Map.of("FETCHPLAN_ROUND_TRIP_MS", "0")).roundTrip()).contains(Duration.ZERO);
    }

    @Test
    void withoutOneTheRoundTripIsMeasured() {
        assertThat(AppSettings.fromEnvironment(Map.of()).roundTrip()).isEqualTo(Optional.empty());
    }

    @Test
    void aRoundTripThatIsNotAWholeNumberOfMillisecondsIsRejected() {
        assertThatThrownBy(() -> AppSettings.fromEnvironment(Map.of("FETCHPLAN_ROUND_TRIP_MS", "1.5")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("FETCHPLAN_ROUND_TRIP_MS is '1.5'; allowed: a whole number from 0 to 60000");
    }

    @Test
    void theDefaultsBoundEveryRequest() {
        AppSettings defaults = AppSettings.fromEnvironment(Map.of());
        assertThat(defaults.statementTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.maxRows()).isEqualTo(20_000);
        assertThat(defaults.poolSize()).isEqualTo(10);
        assertThat(defaults.maxInFlight()).isEqualTo(256);
        assertThat(defaults.drain()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.resetSeed()).isFalse();
    }

    @Test
    void seedingIsIfEmptyOrResetAndNothingElse() {
        assertThat(AppSettings.fromEnvironment(Map.of("FETCHPLAN_SEED", "reset")).resetSeed()).isTrue();
        assertThat(AppSettings.fromEnvironment(Map.of("FETCHPLAN_SEED", "if-empty")).resetSeed()).isFalse();
        assertThatThrownBy(() -> AppSettings.fromEnvironment(Map.of("FETCHPLAN_SEED", "true")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("FETCHPLAN_SEED is 'true'; allowed: if-empty (seed an empty database only, the default), reset (empty "
                        + "the blog's tables and seed again)");
    }

    @Test
    void aStatementTimeoutOutOfRangeIsRejected() {
        assertThatThrownBy(() -> AppSettings.fromEnvironment(Map.of("FETCHPLAN_STATEMENT_TIMEOUT_MS", "0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("FETCHPLAN_STATEMENT_TIMEOUT_MS is '0'; allowed: a whole number from 100 to 600000");
    }
}
