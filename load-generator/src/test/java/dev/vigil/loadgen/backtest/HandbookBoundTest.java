package dev.vigil.loadgen.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HandbookBoundTest {

    static final Instant FROM = Instant.parse("2018-08-08T00:00:00Z");
    static final Instant TO = FROM.plus(Duration.ofDays(1));
    static final Duration DELAY = Duration.ofDays(7);
    static final Instant KNOWN_FROM = FROM.minus(Duration.ofDays(14));

    static HandbookBound.Row row(String id, Instant time, String card, String terminal, int scenario) {
        return new HandbookBound.Row(id, time, card, terminal, scenario > 0, scenario);
    }

    @Test
    void aCompromisedTerminalsFraudShowsOnlyOnceAFraudLabelThereHasArrived() {
        Instant noon = FROM.plus(Duration.ofHours(12));
        List<HandbookBound.Row> rows = List.of(
                // before the known-compromised window: labels the terminal, leaves the card in the test set
                row("t-old", noon.minus(Duration.ofDays(20)), "c-0", "term-seen", 2),
                row("t-seen", noon, "c-1", "term-seen", 2), // its terminal's fraud was labelled 13 days ago
                row("t-young", noon, "c-2", "term-young", 2), // the first fraud at a newly compromised terminal
                row("t-amount", noon, "c-3", "term-x", 1),
                row("g-1", noon, "c-4", "term-x", 0),
                row("g-2", noon, "c-5", "term-y", 0));

        HandbookBound.Result bound =
                HandbookBound.of(rows, FROM, TO, DELAY, KNOWN_FROM, 2, HandbookBound.Knowledge.PER_TRANSACTION);

        assertThat(bound.testTransactions()).isEqualTo(5);
        assertThat(bound.visibleByScenario().get(2)).containsExactly(2, 1);
        assertThat(bound.visibleByScenario().get(1)).containsExactly(1, 1);
        // two of three frauds ranked above every genuine transaction; the third tied with the genuine ones
        assertThat(bound.averagePrecision()).isCloseTo(2.0 / 3 + (1.0 / 3) * (3.0 / 5), within(1e-12));
        assertThat(bound.cardPrecisionAtK()).isEqualTo(1.0);
        assertThat(bound.showableCardPrecisionAtK()).isEqualTo(1.0);
        // the third of three cards is c-2, the first by token of the cards tied at 0: its fraud counts by luck
        HandbookBound.Result three =
                HandbookBound.of(rows, FROM, TO, DELAY, KNOWN_FROM, 3, HandbookBound.Knowledge.PER_TRANSACTION);
        assertThat(three.cardPrecisionAtK()).isEqualTo(1.0);
        assertThat(three.showableCardPrecisionAtK()).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void aLabelCountsByTheStartOfTheRiskIntervalAndOnlyTheCompromisesOwnIfAsked() {
        Instant noon = FROM.plus(Duration.ofHours(12));
        List<HandbookBound.Row> rows = List.of(
                // labelled at 08:00 on the test day: seen by noon, not by the day's midnight
                row("t-first", FROM.minus(DELAY).plus(Duration.ofHours(8)), "c-0", "term-fresh", 2),
                row("t-fresh", noon, "c-1", "term-fresh", 2),
                // the only label at this compromised terminal is of an amount fraud, long before
                row("t-stray", noon.minus(Duration.ofDays(20)), "c-9", "term-stray", 1),
                row("t-stray-label", noon, "c-2", "term-stray", 2),
                row("g-1", noon, "c-3", "term-x", 0));

        assertThat(visibleCompromisedTerminalFrauds(rows, new HandbookBound.Knowledge(Duration.ZERO, false)))
                .isEqualTo(2);
        assertThat(visibleCompromisedTerminalFrauds(rows, new HandbookBound.Knowledge(Duration.ofHours(6), false)))
                .isEqualTo(2);
        assertThat(visibleCompromisedTerminalFrauds(rows, new HandbookBound.Knowledge(Duration.ofDays(1), false)))
                .isEqualTo(1);
        assertThat(visibleCompromisedTerminalFrauds(rows, new HandbookBound.Knowledge(Duration.ZERO, true)))
                .isEqualTo(1);
        assertThat(visibleCompromisedTerminalFrauds(rows, new HandbookBound.Knowledge(Duration.ofDays(1), true)))
                .isZero();
    }

    static long visibleCompromisedTerminalFrauds(List<HandbookBound.Row> rows, HandbookBound.Knowledge knowledge) {
        return HandbookBound.of(rows, FROM, TO, DELAY, KNOWN_FROM, 100, knowledge)
                .visibleByScenario()
                .get(2)[1];
    }

    @Test
    void aCardWhoseFraudWasKnownBeforeTheDayIsLeftOut() {
        Instant noon = FROM.plus(Duration.ofHours(12));
        List<HandbookBound.Row> rows = List.of(
                row("t-1", noon.minus(Duration.ofDays(9)), "c-1", "term-a", 3), // labelled two days before the test day
                row("t-2", noon, "c-1", "term-b", 3),
                row("g-1", noon, "c-2", "term-b", 0));

        HandbookBound.Result bound =
                HandbookBound.of(rows, FROM, TO, DELAY, KNOWN_FROM, 100, HandbookBound.Knowledge.PER_TRANSACTION);

        assertThat(bound.testTransactions()).isEqualTo(1);
        assertThat(bound.testFrauds()).isZero();
    }
}
