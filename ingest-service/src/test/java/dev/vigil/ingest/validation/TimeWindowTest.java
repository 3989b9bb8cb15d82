package dev.vigil.ingest.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimeWindowTest {

    @Test
    void describesDurationsInTheirLargestWholeUnit() {
        assertThat(TimeWindow.describe(Duration.ofDays(7))).isEqualTo("7 days");
        assertThat(TimeWindow.describe(Duration.ofHours(1))).isEqualTo("1 hour");
        assertThat(TimeWindow.describe(Duration.ofMinutes(90))).isEqualTo("90 minutes");
        assertThat(TimeWindow.describe(Duration.ofSeconds(45))).isEqualTo("45 seconds");
        assertThat(TimeWindow.describe(Duration.ZERO)).isEqualTo("0 seconds");
    }
}
