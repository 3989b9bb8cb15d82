package dev.vigil.features;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SketchTest {

    @Test
    void neverMissesAnAddedValueAndFalselyClaimsFewAfterAHundredMerchants() {
        Sketch merchants = Sketch.NO_MERCHANTS;
        for (int i = 0; i < 100; i++) {
            merchants = merchants.with("m-shop-" + i);
        }
        int falseSeen = 0;
        for (int i = 0; i < 100; i++) {
            assertThat(merchants.contains("m-shop-" + i)).isTrue();
        }
        for (int i = 0; i < 10_000; i++) {
            if (merchants.contains("m-other-" + i)) {
                falseSeen++;
            }
        }
        // theory: (1 - e^(-4 * 100 / 1024))^4 = 1.1%
        assertThat(falseSeen / 10_000.0).isLessThan(0.02);
    }

    @Test
    void theHashIsFixedSoEveryJvmSetsTheSameBits() {
        assertThat(Sketch.hash("m-grocer")).isEqualTo(8682057972647383225L);
        assertThat(Sketch.NO_MCCS.with("5411")).isEqualTo(Sketch.NO_MCCS.with("5411"));
        assertThat(Sketch.NO_MCCS.with("5411").contains("5944")).isFalse();
    }
}
