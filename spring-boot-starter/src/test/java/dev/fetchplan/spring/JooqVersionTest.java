package dev.fetchplan.spring;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JooqVersionTest {

    @Test
    void jooqOlderThan321IsRefusedSayingWhatToSet() {
        assertThatThrownBy(() -> JooqVersion.check("3.19.35"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs jOOQ 3.21 or newer but the application has 3.19.35")
                .hasMessageContaining("jooq.version");
        assertThatThrownBy(() -> JooqVersion.check("2.99.0")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void jooq321AndNewerAreAccepted() {
        assertThatCode(() -> {
            JooqVersion.check("3.21.9");
            JooqVersion.check("3.22.0");
            JooqVersion.check("4.0.1");
            JooqVersion.check(org.jooq.Constants.VERSION);
        }).doesNotThrowAnyException();
    }
}
