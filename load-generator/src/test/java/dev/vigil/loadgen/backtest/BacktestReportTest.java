package dev.vigil.loadgen.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.events.Label;
import dev.vigil.events.LabelSource;
import dev.vigil.events.TransactionLabel;
import dev.vigil.loadgen.backtest.LiveScores.Live;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BacktestReportTest {

    private static final String BANK = "bank-a";
    private static final Instant TEST_START = Instant.parse("2018-08-08T00:00:00Z");
    private static final Instant TEST_END = TEST_START.plus(Duration.ofDays(7));
    private static final Instant NOON = TEST_START.plus(Duration.ofHours(12));

    private static Live live(String id, String card, double score, boolean alerted) {
        return new Live(BANK, id, card, NOON, score, alerted, "gbt-1");
    }

    private static TransactionLabel fraudLabel(String id, String card, Instant arrived) {
        return TransactionLabel.newBuilder()
                .setLabelId("l-" + id)
                .setBankId(BANK)
                .setTransactionId(id)
                .setCardToken(card)
                .setLabel(Label.FRAUD)
                .setSource(LabelSource.CHARGEBACK)
                .setLabelledAt(arrived)
                .setTransactionTime(null)
                .setNote(null)
                .build();
    }

    @Test
    void measuresDecisionsOnEveryTransactionAndRankingWithoutKnownCompromisedCards() {
        LabelTruth truth = new LabelTruth();
        truth.add(fraudLabel("t1", "card-a", NOON.plus(Duration.ofDays(7))));
        truth.add(fraudLabel("t2", "card-b", NOON.plus(Duration.ofDays(7))));
        // card-c's earlier fraud was known the day before the test: its test transaction leaves the test set
        truth.add(fraudLabel("old", "card-c", TEST_START.minus(Duration.ofHours(1))));
        List<Live> live = List.of(
                live("t1", "card-a", 0.9, true),
                live("t2", "card-b", 0.4, false),
                live("t3", "card-c", 0.95, true),
                live("t4", "card-d", 0.1, false),
                live("t5", "card-e", 0.6, true));

        BacktestReport.Result r = BacktestReport.of(
                "handbook protocol",
                TEST_START,
                TEST_END,
                live,
                0,
                truth,
                null,
                Map.of("t1", "2", "t2", "3"),
                100,
                0.01);

        assertThat(r.protocol().removedKnownCompromised()).isEqualTo(1);
        assertThat(r.protocol().transactions()).isEqualTo(4);
        assertThat(r.protocol().frauds()).isEqualTo(2);
        // frauds at ranks 1 and 3 of 4: AP = (1/1 + 2/3) / 2
        assertThat(r.protocol().averagePrecision()).isCloseTo((1 + 2.0 / 3) / 2, within(1e-12));
        // one day, 4 cards, 2 compromised, divided by k as published
        assertThat(r.protocol().cardPrecisionAtK()).isCloseTo(2.0 / 100, within(1e-12));
        assertThat(r.decisions().transactions()).isEqualTo(5);
        assertThat(r.decisions().alerts()).isEqualTo(3);
        assertThat(r.decisions().alertedFrauds()).isEqualTo(1);
        assertThat(r.decisions().recall()).isEqualTo(0.5);
        assertThat(r.scenarios())
                .extracting(BacktestReport.Scenario::scenario, BacktestReport.Scenario::recall)
                .containsExactly(tuple("2", 1.0), tuple("3", 0.0));
        assertThat(r.modelVersions()).containsExactly(Map.entry("gbt-1", 5L));
        assertThat(r.equality()).isNull();
    }

    @Test
    void countsLiveScoresThatDifferFromTheOfflineOnesAndThoseMissingOffline() {
        List<Live> live = List.of(
                live("t1", "card-a", 0.9, true), live("t2", "card-b", 0.4, false), live("t3", "card-c", 0.2, false));
        Map<String, Double> offline =
                Map.of(BacktestReport.key("card-a", "t1"), 0.9, BacktestReport.key("card-b", "t2"), 0.4 + 1e-6);

        BacktestReport.Equality e = BacktestReport.of(
                        "x", TEST_START, TEST_END, live, 0, new LabelTruth(), offline, Map.of(), 100, 0.01)
                .equality();

        assertThat(e.compared()).isEqualTo(2);
        assertThat(e.different()).isEqualTo(1);
        assertThat(e.largestDifference()).isCloseTo(1e-6, within(1e-12));
        assertThat(e.missingOffline()).isEqualTo(1);
        assertThat(e.differentTransactionIds()).containsExactly("t2");
    }

    @Test
    void onlyFraudsFromTheKnownCompromisedStartMakeACardKnownAsTheHandbookCountsFromItsTrainingWindow() {
        Instant trainingStart = TEST_START.minus(Duration.ofDays(14));
        LabelTruth truth = new LabelTruth(trainingStart);
        // card-c's fraud happened before the training window: the Handbook does not know it; card-f's did not
        truth.add(withTime(
                fraudLabel("older", "card-c", TEST_START.minus(Duration.ofDays(9))),
                trainingStart.minus(Duration.ofDays(2))));
        truth.add(withTime(
                fraudLabel("recent", "card-f", TEST_START.minus(Duration.ofDays(6))),
                trainingStart.plus(Duration.ofDays(1))));
        truth.add(fraudLabel("untimed", "card-g", TEST_START.minus(Duration.ofDays(6))));

        assertThat(truth.firstFraudKnown()).containsOnlyKeys("card-f", "card-g");
    }

    private static TransactionLabel withTime(TransactionLabel label, Instant transactionTime) {
        return TransactionLabel.newBuilder(label)
                .setTransactionTime(transactionTime)
                .build();
    }

    @Test
    void theSummaryLineHasTheFormToolsRead() {
        LabelTruth truth = new LabelTruth();
        truth.add(fraudLabel("t1", "card-a", NOON.plus(Duration.ofDays(7))));
        BacktestReport.Result r = BacktestReport.of(
                "handbook protocol",
                TEST_START,
                TEST_END,
                List.of(live("t1", "card-a", 0.9, true), live("t2", "card-b", 0.1, false)),
                0,
                truth,
                null,
                Map.of(),
                100,
                0.01);

        assertThat(BacktestReport.summary(r))
                .isEqualTo("handbook protocol, live scorer: AUC 1.000, AP 1.000, CP@100 0.010");
        assertThat(ReportFiles.markdown(r))
                .contains("| 2 | 1 | 1.000 | 1.000 | 0.010 |")
                .as("one alert in two transactions against a 1 %% budget")
                .contains("| 2 | 1 | 50.00 % | 1.00 % (over by 49.00 %) |");
    }
}
