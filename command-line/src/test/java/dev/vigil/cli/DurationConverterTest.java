package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DurationConverterTest {

    private final DurationConverter converter = new DurationConverter();

    @Test
    void readsShortAndIsoForms() {
        assertThat(converter.convert("0")).isEqualTo(Duration.ZERO);
        assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert("45s")).isEqualTo(Duration.ofSeconds(45));
        assertThat(converter.convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(converter.convert("6H")).isEqualTo(Duration.ofHours(6));
        assertThat(converter.convert(" 3d ")).isEqualTo(Duration.ofDays(3));
        assertThat(converter.convert("pt90s")).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void refusesOtherFormsNamingTheAcceptedOnes() {
        for (String bad : new String[] {"soon", "6w", "", "s", "1.5h"}) {
            assertThatThrownBy(() -> converter.convert(bad))
                    .as(bad)
                    .isInstanceOf(CommandLine.TypeConversionException.class)
                    .hasMessageContaining("is not a duration: use 0, 500ms");
        }
    }
}
