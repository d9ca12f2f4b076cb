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
}
