package dev.vigil.features.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTest {

    private static final LocalDate DAY_ONE = LocalDate.of(2026, 11, 1);
    private static final LocalDate DAY_TWO = DAY_ONE.plusDays(1);

    private static Metrics.Scored fraud(String card, LocalDate day, double score) {
        return new Metrics.Scored(card, day, score, true);
    }

    private static Metrics.Scored genuine(String card, LocalDate day, double score) {
        return new Metrics.Scored(card, day, score, false);
    }

    @Test
    void aucIsOneWhenEveryFraudOutscoresEveryGenuineAndHalfForTies() {
        assertThat(Metrics.aucRoc(List.of(fraud("a", DAY_ONE, 0.9), genuine("b", DAY_ONE, 0.1),
                genuine("c", DAY_ONE, 0.2)))).isEqualTo(1.0);
        assertThat(Metrics.aucRoc(List.of(fraud("a", DAY_ONE, 0.5), genuine("b", DAY_ONE, 0.5)))).isEqualTo(0.5);
        // one of the two genuine transactions outscores the fraud
        assertThat(Metrics.aucRoc(List.of(fraud("a", DAY_ONE, 0.5), genuine("b", DAY_ONE, 0.9),
                genuine("c", DAY_ONE, 0.1)))).isEqualTo(0.5);
    }

    @Test
    void averagePrecisionAveragesPrecisionAtEachFraudsRank() {
        // ranks: fraud (1/1), genuine, fraud (2/3)
        double ap = Metrics.averagePrecision(List.of(fraud("a", DAY_ONE, 0.9), genuine("b", DAY_ONE, 0.8),
                fraud("c", DAY_ONE, 0.7)));
        assertThat(ap).isCloseTo((1.0 + 2.0 / 3) / 2, within(1e-12));
        assertThat(Metrics.averagePrecision(List.of(genuine("a", DAY_ONE, 0.9)))).isZero();
    }

    @Test
    void cardPrecisionAtKJudgesEachDaysTopCardsByTheirHighestScore() {
        List<Metrics.Scored> scored = List.of(
                // day one: card a (fraud) tops, card b second: top 2 -> 1 of 2 compromised
                genuine("a", DAY_ONE, 0.2), fraud("a", DAY_ONE, 0.95), genuine("b", DAY_ONE, 0.9),
                genuine("c", DAY_ONE, 0.1),
                // day two: only one card, compromised: judged on 1 of 1
                fraud("d", DAY_TWO, 0.3));
        assertThat(Metrics.cardPrecisionAtK(scored, 2)).isCloseTo((0.5 + 1.0) / 2, within(1e-12));
    }
}
