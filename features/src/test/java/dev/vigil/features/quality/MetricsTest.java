package dev.vigil.features.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {

    private static final LocalDate DAY_ONE = LocalDate.of(2026, 11, 1);
    private static final LocalDate DAY_TWO = DAY_ONE.plusDays(1);
    private static final LocalDate DAY_THREE = DAY_ONE.plusDays(2);
    private static final Duration CHARGEBACK_DELAY = Duration.ofDays(7);

    private static Metrics.Scored fraud(String card, LocalDate day, double score) {
        return new Metrics.Scored(card, day, score, true);
    }

    private static Metrics.Scored genuine(String card, LocalDate day, double score) {
        return new Metrics.Scored(card, day, score, false);
    }

    private static Instant at(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).toInstant(ZoneOffset.UTC);
    }

    @Test
    void aucIsOneWhenEveryFraudOutscoresEveryGenuineAndHalfForTies() {
        assertThat(Metrics.aucRoc(
                        List.of(fraud("a", DAY_ONE, 0.9), genuine("b", DAY_ONE, 0.1), genuine("c", DAY_ONE, 0.2))))
                .isEqualTo(1.0);
        assertThat(Metrics.aucRoc(List.of(fraud("a", DAY_ONE, 0.5), genuine("b", DAY_ONE, 0.5))))
                .isEqualTo(0.5);
        // one of the two genuine transactions outscores the fraud
        assertThat(Metrics.aucRoc(
                        List.of(fraud("a", DAY_ONE, 0.5), genuine("b", DAY_ONE, 0.9), genuine("c", DAY_ONE, 0.1))))
                .isEqualTo(0.5);
    }

    @Test
    void averagePrecisionAveragesPrecisionAtEachFraudsRank() {
        // ranks: fraud (1/1), genuine, fraud (2/3)
        double ap = Metrics.averagePrecision(
                List.of(fraud("a", DAY_ONE, 0.9), genuine("b", DAY_ONE, 0.8), fraud("c", DAY_ONE, 0.7)));
        assertThat(ap).isCloseTo((1.0 + 2.0 / 3) / 2, within(1e-12));
        assertThat(Metrics.averagePrecision(List.of(genuine("a", DAY_ONE, 0.9))))
                .isZero();
    }

    @Test
    void precisionRecallCurveHasOnePointPerDistinctScoreAndTiesFlagTogether() {
        List<Metrics.Scored> scored = List.of(
                fraud("a", DAY_ONE, 0.9),
                genuine("b", DAY_ONE, 0.8),
                fraud("c", DAY_ONE, 0.8),
                genuine("d", DAY_ONE, 0.1));
        assertThat(Metrics.precisionRecallCurve(scored))
                .containsExactly(
                        new Metrics.PrPoint(0.9, 1.0, 0.5),
                        new Metrics.PrPoint(0.8, 2.0 / 3, 1.0),
                        new Metrics.PrPoint(0.1, 0.5, 1.0));
        // recall gained at each point times its precision: 0.5 * 1 + 0.5 * 2/3
        assertThat(Metrics.averagePrecision(scored)).isCloseTo(0.5 + 1.0 / 3, within(1e-12));
        assertThat(Metrics.precisionRecallCurve(List.of(genuine("a", DAY_ONE, 0.3))))
                .isEmpty();
    }

    @Test
    void alertRatePrecisionAndRecallAtAThresholdCountTheFlaggedRows() {
        List<Metrics.Scored> scored = List.of(
                fraud("a", DAY_ONE, 0.9),
                genuine("b", DAY_ONE, 0.8),
                fraud("c", DAY_ONE, 0.8),
                genuine("d", DAY_ONE, 0.1));
        Confusion atEight = Metrics.atThreshold(scored, 0.8);
        assertThat(atEight).isEqualTo(new Confusion(4, 3, 2, 2));
        assertThat(atEight.alertRate()).isEqualTo(0.75);
        assertThat(atEight.precision()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(atEight.recall()).isEqualTo(1.0);
        Confusion none = Metrics.atThreshold(scored, 0.95);
        assertThat(none.alertRate()).isZero();
        assertThat(none.precision()).isNaN();
        assertThat(none.recall()).isZero();
    }

    @Test
    void cardPrecisionAtKDividesByKAndLeavesCardsDetectedOnEarlierDaysOut() {
        List<Metrics.Scored> scored = List.of(
                // day one: a (fraud) and b top the ranking: 1 of k=2
                genuine("a", DAY_ONE, 0.2),
                fraud("a", DAY_ONE, 0.9),
                genuine("b", DAY_ONE, 0.8),
                fraud("c", DAY_ONE, 0.7),
                // day two: a was detected on day one and is left out; c and d top it: 1 of 2
                fraud("a", DAY_TWO, 0.95),
                fraud("c", DAY_TWO, 0.6),
                genuine("d", DAY_TWO, 0.5),
                // day three: one card, compromised: 1 of k=2, not 1 of 1
                fraud("e", DAY_THREE, 0.1));
        assertThat(Metrics.cardPrecisionAtK(scored, 2)).isCloseTo((0.5 + 0.5 + 0.5) / 3, within(1e-12));
        // the other measure keeps every card and judges a day on the cards it has: 0.5, 1, 1
        assertThat(Metrics.topCardFraudShareAtK(scored, 2)).isCloseTo((0.5 + 1.0 + 1.0) / 3, within(1e-12));
        assertThat(Metrics.cardPrecisionAtK(List.of(), 2)).isZero();
    }

    @Test
    void cardPrecisionAtKBreaksTiedScoresByCardToken() {
        List<Metrics.Scored> tied = List.of(fraud("y", DAY_ONE, 0.5), genuine("x", DAY_ONE, 0.5));
        assertThat(Metrics.cardPrecisionAtK(tied, 1)).isZero();
        assertThat(Metrics.cardPrecisionAtK(List.of(fraud("w", DAY_ONE, 0.5), genuine("x", DAY_ONE, 0.5)), 1))
                .isEqualTo(1.0);
    }

    @Test
    void aCardIsLeftOutOfTheTestDaysThatStartAfterItsFirstFraudLabelArrived() {
        List<Metrics.Scored> scored = List.of(
                fraud("a", DAY_ONE, 0.9),
                genuine("a", DAY_TWO, 0.8),
                fraud("b", DAY_ONE, 0.7),
                fraud("b", DAY_TWO, 0.6),
                genuine("c", DAY_TWO, 0.5),
                genuine("d", DAY_ONE, 0.4));
        Map<String, Instant> fraudKnownSince = Map.of(
                "a", at(DAY_ONE.minusDays(1), 10, 0), // known before both days
                "b", at(DAY_ONE, 12, 0), // known during day one: left out of day two only
                "c", DAY_TWO.atStartOfDay(ZoneOffset.UTC).toInstant()); // at day two's start: not before it
        assertThat(Metrics.withoutKnownCompromised(scored, fraudKnownSince))
                .containsExactly(fraud("b", DAY_ONE, 0.7), genuine("c", DAY_TWO, 0.5), genuine("d", DAY_ONE, 0.4));
    }

    @Test
    void withSevenDayChargebacksFraudsUpToEightDaysBeforeATestDayAreKnown() {
        // the Handbook's test set: on test day T the cards with a fraud on day T-8 or earlier are dropped
        LocalDate testDay = LocalDate.of(2018, 8, 8);
        Instant lastMinuteOfDayMinusEight = at(testDay.minusDays(8), 23, 59);
        Instant firstMinuteOfDayMinusSeven = at(testDay.minusDays(7), 0, 0);
        List<Metrics.Scored> scored = List.of(genuine("late-8", testDay, 0.3), genuine("early-7", testDay, 0.2));
        Map<String, Instant> fraudKnownSince = Map.of(
                "late-8", lastMinuteOfDayMinusEight.plus(CHARGEBACK_DELAY),
                "early-7", firstMinuteOfDayMinusSeven.plus(CHARGEBACK_DELAY));
        assertThat(Metrics.withoutKnownCompromised(scored, fraudKnownSince))
                .containsExactly(genuine("early-7", testDay, 0.2));
    }
}
