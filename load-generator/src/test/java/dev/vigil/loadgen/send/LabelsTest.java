package dev.vigil.loadgen.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LabelsTest {

    @Test
    void theGenuineSampleIsAboutTheShareAskedForAndFixedByTransactionId() {
        long sampled = IntStream.range(0, 100_000)
                .filter(i -> Labels.sampled("tx-run-" + i, 0.05))
                .count();

        assertThat(sampled).isBetween(4_500L, 5_500L);
        assertThat(Labels.sampled("tx-run-7", 0.05)).isEqualTo(Labels.sampled("tx-run-7", 0.05));
        assertThat(IntStream.range(0, 1_000).noneMatch(i -> Labels.sampled("tx-" + i, 0)))
                .isTrue();
    }
}
