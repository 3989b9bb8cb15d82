package dev.vigil.loadgen.handbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CompromisesTest {

    private static final LocalDate START = LocalDate.of(2018, 4, 1);

    @Test
    void theHandbooksWholeCountsAreDrawnEveryDay() {
        Compromises drawn = Compromises.draw(new WorldParameters(300, 400, 60, START, 5, 1), new SplittableRandom(1));

        assertThat(drawn.terminals()).hasSize(2 * 59);
        assertThat(drawn.customers()).hasSize(59).allSatisfy(draw -> assertThat(draw.customers())
                .hasSize(3));
    }

    @Test
    void aFractionPerDayIsOneMoreOnThatShareOfDays() {
        int days = 2_001;
        Compromises drawn =
                Compromises.draw(new WorldParameters(300, 400, days, START, 5, 1, 0.25, 1.5), new SplittableRandom(1));

        // binomial(2000, 0.25): standard deviation about 19
        assertThat((double) drawn.terminals().size()).isCloseTo(0.25 * (days - 1), within(100.0));
        long customers = drawn.customers().stream()
                .mapToLong(draw -> draw.customers().size())
                .sum();
        assertThat((double) customers).isCloseTo(1.5 * (days - 1), within(100.0));
        assertThat(drawn.customers())
                .allSatisfy(draw -> assertThat(draw.customers().size()).isBetween(1, 2));
    }

    @Test
    void zeroPerDayCompromisesNothing() {
        Compromises drawn =
                Compromises.draw(new WorldParameters(300, 400, 60, START, 5, 1, 0, 0), new SplittableRandom(1));

        assertThat(drawn.terminals()).isEmpty();
        assertThat(drawn.customers())
                .allSatisfy(draw -> assertThat(draw.customers()).isEmpty());
    }
}
