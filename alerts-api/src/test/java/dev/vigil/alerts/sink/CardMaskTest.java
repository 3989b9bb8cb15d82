package dev.vigil.alerts.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class CardMaskTest {

    @Test
    void showsTheBinAndLastFourAroundSixHiddenDigits() {
        assertThat(CardMask.of("411111", "1111")).isEqualTo("411111******1111");
    }

    @Test
    void refusesAnythingThatCouldCarryMoreOfTheCardNumber() {
        assertThatIllegalArgumentException().isThrownBy(() -> CardMask.of("4111111111", "1111"));
        assertThatIllegalArgumentException().isThrownBy(() -> CardMask.of("411111", "11111111"));
        assertThatIllegalArgumentException().isThrownBy(() -> CardMask.of("41111x", "1111"));
        assertThatIllegalArgumentException().isThrownBy(() -> CardMask.of(null, "1111"));
    }
}
