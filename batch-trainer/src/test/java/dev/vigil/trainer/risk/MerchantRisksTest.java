package dev.vigil.trainer.risk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.MerchantRisk;
import dev.vigil.events.Transaction;
import dev.vigil.schemas.Topics;
import dev.vigil.trainer.TestSpark;
import dev.vigil.trainer.archive.HistoryRows;
import dev.vigil.trainer.bench.SyntheticHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

public class MerchantRisksTest {

    private static final Instant REFERENCE = Instant.parse("2026-11-23T00:00:00Z");
    /** Windows end a 7-day label delay before the reference. */
    private static final Instant WINDOW_END = REFERENCE.minus(Duration.ofDays(7));

    private static final RiskClock SEVEN_DAYS_DAILY = RiskClock.of(Duration.ofDays(7), RiskClock.DAY);
    private final SparkSession spark = TestSpark.session();

    @Test
    void countsAndFraudRatesOverOneSevenAndThirtyDaysEndingTheLabelDelayBeforeTheReference() {
        List<Row> transactions = List.of(
                tx("tx-1", "bank-a", "m-1", WINDOW_END.minus(Duration.ofHours(2))), // 1d, 7d, 30d; fraud
                tx("tx-2", "bank-a", "m-1", WINDOW_END.minus(Duration.ofDays(3))), // 7d, 30d; fraud reported too late
                tx("tx-3", "bank-a", "m-1", WINDOW_END.minus(Duration.ofDays(20))), // 30d; fraud known in the delay
                tx("tx-4", "bank-b", "m-1", WINDOW_END.minus(Duration.ofDays(20))), // 30d, other bank; fraud
                tx("tx-5", "bank-a", "m-1", WINDOW_END.plus(Duration.ofDays(1))), // inside the delay: not counted
                tx("tx-6", "bank-a", "m-1", WINDOW_END.minus(Duration.ofDays(31))), // too old
                tx("tx-7", "bank-a", "m-1", WINDOW_END.minus(Duration.ofDays(2)))); // 7d, 30d; fraud, then not
        List<Row> labels = List.of(
                label("tx-1", "bank-a", "FRAUD", WINDOW_END.minus(Duration.ofHours(1))),
                label("tx-2", "bank-a", "FRAUD", REFERENCE.plus(Duration.ofHours(1))),
                label("tx-3", "bank-a", "FRAUD", WINDOW_END.plus(Duration.ofDays(2))),
                label("tx-4", "bank-b", "FRAUD", WINDOW_END.minus(Duration.ofDays(10))),
                label("tx-7", "bank-a", "FRAUD", WINDOW_END.minus(Duration.ofDays(1))),
                label("tx-7", "bank-a", "GENUINE", WINDOW_END.plus(Duration.ofDays(1))));

        Map<String, MerchantRisk> risks = compute(transactions, labels, REFERENCE);

        MerchantRisk bankA = risks.get(Topics.merchantRiskKey("bank-a", "m-1"));
        assertThat(List.of(bankA.getTransactions1d(), bankA.getTransactions7d(), bankA.getTransactions30d()))
                .containsExactly(1L, 3L, 4L);
        assertThat(List.of(bankA.getFraudRate1d(), bankA.getFraudRate7d(), bankA.getFraudRate30d()))
                .containsExactly(1.0, 1.0 / 3, 0.5);
        assertThat(bankA.getLabelDelayDays()).isEqualTo(7);
        // tx-3 is the earliest fraud counted: tx-6 is too old, tx-2's label too late, tx-7's taken back
        assertThat(bankA.getEarliestFraudTime()).isEqualTo(WINDOW_END.minus(Duration.ofDays(20)));
        assertThat(bankA.getReferenceTime()).isEqualTo(REFERENCE);
        MerchantRisk all = risks.get(Topics.merchantRiskKey(Topics.ALL_BANKS, "m-1"));
        assertThat(all.getTransactions30d()).isEqualTo(5L);
        assertThat(all.getFraudRate30d()).isEqualTo(0.6);
        assertThat(risks).hasSize(3);
    }

    @Test
    void aLabelCountsFromTheReferenceTimeItArrivedBy() {
        List<Row> transactions = List.of(tx("tx-1", "bank-a", "m-1", WINDOW_END.minus(Duration.ofHours(2))));
        List<Row> labels = List.of(label("tx-1", "bank-a", "FRAUD", REFERENCE));

        assertThat(compute(transactions, labels, REFERENCE.minusMillis(1))
                        .get(Topics.merchantRiskKey("bank-a", "m-1"))
                        .getFraudRate30d())
                .isEqualTo(0.0);
        assertThat(compute(transactions, labels, REFERENCE)
                        .get(Topics.merchantRiskKey("bank-a", "m-1"))
                        .getFraudRate30d())
                .isEqualTo(1.0);
        assertThat(compute(transactions, labels, REFERENCE.minusMillis(1))
                        .get(Topics.merchantRiskKey("bank-a", "m-1"))
                        .getEarliestFraudTime())
                .isNull();
        assertThat(compute(transactions, labels, REFERENCE)
                        .get(Topics.merchantRiskKey("bank-a", "m-1"))
                        .getEarliestFraudTime())
                .isEqualTo(WINDOW_END.minus(Duration.ofHours(2)));
    }

    @Test
    void aMerchantWithoutTransactionsInTheThirtyDayWindowHasNoRisk() {
        List<Row> transactions = List.of(
                tx("tx-1", "bank-a", "m-1", WINDOW_END.minus(Duration.ofDays(30))),
                tx(
                        "tx-2",
                        "bank-a",
                        "m-2",
                        WINDOW_END.minus(Duration.ofDays(30)).minusMillis(1)));

        assertThat(compute(transactions, List.of(), REFERENCE))
                .containsOnlyKeys(
                        Topics.merchantRiskKey("bank-a", "m-1"), Topics.merchantRiskKey(Topics.ALL_BANKS, "m-1"));
    }

    @Test
    void aMerchantIdleThroughTheWindowAfterTransactionsInTheThirtyDaysBeforeItIsEnded() {
        List<Row> transactions = List.of(
                tx("tx-1", "bank-a", "m-busy", WINDOW_END.minus(Duration.ofDays(1))),
                tx("tx-2", "bank-a", "m-busy", WINDOW_END.minus(Duration.ofDays(40))),
                tx("tx-3", "bank-a", "m-idle", WINDOW_END.minus(Duration.ofDays(40))),
                tx("tx-4", "bank-a", "m-idle", WINDOW_END.plus(Duration.ofDays(1))), // in the delay: not counted
                tx("tx-5", "bank-a", "m-gone", WINDOW_END.minus(Duration.ofDays(61)))); // ended by an earlier run

        List<String> ended = MerchantRisks.ended(
                spark.createDataFrame(transactions, HistoryRows.TRANSACTION), REFERENCE, SEVEN_DAYS_DAILY);

        assertThat(ended)
                .containsExactlyInAnyOrder(
                        Topics.merchantRiskKey("bank-a", "m-idle"), Topics.merchantRiskKey(Topics.ALL_BANKS, "m-idle"));
        assertThat(compute(transactions, List.of(), REFERENCE)).doesNotContainKeys(ended.toArray(String[]::new));
    }

    @Test
    void theLabelDelayCanBeShorterThanADay() {
        Instant reference = Instant.parse("2026-11-23T10:00:00Z");
        List<Row> transactions = List.of(
                tx("tx-1", "bank-a", "m-1", reference.minusSeconds(31)),
                tx("tx-2", "bank-a", "m-1", reference.minusSeconds(29)));

        MerchantRisk risk = MerchantRisks.compute(
                        spark.createDataFrame(transactions, HistoryRows.TRANSACTION),
                        spark.createDataFrame(List.of(), HistoryRows.LABEL),
                        reference,
                        RiskClock.of(Duration.ofSeconds(30), Duration.ofSeconds(10)),
                        reference)
                .get(0);

        assertThat(risk.getTransactions1d()).isEqualTo(1L);
        assertThat(risk.getLabelDelayDays()).isZero();
    }

    @Test
    void commonPointCountsTheCardsOfTheThirtyDaysBeforeTheReferenceAndThoseDefraudedAfterwardsAnywhere() {
        List<Row> transactions = List.of(
                // a card that bought there twice counts once; defrauded elsewhere afterwards, known in time
                tx("tx-1", "bank-a", "m-shop", "card-1", REFERENCE.minus(Duration.ofDays(29))),
                tx("tx-2", "bank-a", "m-shop", "card-1", REFERENCE.minus(Duration.ofDays(2))),
                tx("fraud-1", "bank-a", "m-web", "card-1", REFERENCE.minus(Duration.ofDays(1))),
                // defrauded afterwards, the chargeback in the label delay: counted (no label delay here)
                tx("tx-3", "bank-a", "m-shop", "card-2", REFERENCE.minus(Duration.ofDays(6))),
                tx("fraud-2", "bank-a", "m-web", "card-2", REFERENCE.minus(Duration.ofDays(5))),
                // defrauded before it ever bought there: not a card the shop leaked
                tx("fraud-3", "bank-a", "m-web", "card-3", REFERENCE.minus(Duration.ofDays(20))),
                tx("tx-4", "bank-a", "m-shop", "card-3", REFERENCE.minus(Duration.ofDays(10))),
                // defrauded afterwards, but the chargeback arrives after the reference
                tx("tx-5", "bank-a", "m-shop", "card-4", REFERENCE.minus(Duration.ofDays(10))),
                tx("fraud-4", "bank-a", "m-web", "card-4", REFERENCE.minus(Duration.ofDays(9))),
                // bought there 31 days before: out of the window, though its fraud is known
                tx("tx-6", "bank-a", "m-shop", "card-5", REFERENCE.minus(Duration.ofDays(31))),
                tx("fraud-5", "bank-a", "m-web", "card-5", REFERENCE.minus(Duration.ofDays(9))),
                // the other bank's card counts for all banks only
                tx("tx-7", "bank-b", "m-shop", "card-6", REFERENCE.minus(Duration.ofDays(8))),
                tx(
                        "fraud-6",
                        "bank-b",
                        "m-web",
                        "card-6",
                        REFERENCE.minus(Duration.ofDays(8)).plusSeconds(60)));
        List<Row> labels = List.of(
                label("fraud-1", "bank-a", "FRAUD", REFERENCE.minus(Duration.ofHours(1))),
                label("fraud-2", "bank-a", "FRAUD", REFERENCE.minus(Duration.ofDays(2))),
                label("fraud-3", "bank-a", "FRAUD", REFERENCE.minus(Duration.ofDays(15))),
                label("fraud-4", "bank-a", "FRAUD", REFERENCE.plusMillis(1)),
                label("fraud-5", "bank-a", "FRAUD", REFERENCE.minus(Duration.ofDays(3))),
                label("fraud-6", "bank-b", "FRAUD", REFERENCE.minus(Duration.ofDays(3))));

        Map<String, MerchantRisk> risks = compute(transactions, labels, REFERENCE);

        MerchantRisk bankA = risks.get(Topics.merchantRiskKey("bank-a", "m-shop"));
        assertThat(List.of(bankA.getCommonPointCards(), bankA.getCommonPointDefraudedCards()))
                .containsExactly(4L, 2L);
        assertThat(bankA.getCommonPointScore()).isEqualTo(2.0 / (4 + 10));
        MerchantRisk all = risks.get(Topics.merchantRiskKey(Topics.ALL_BANKS, "m-shop"));
        assertThat(List.of(all.getCommonPointCards(), all.getCommonPointDefraudedCards()))
                .containsExactly(5L, 3L);
    }

    @Test
    void oneFraudAmongTwoCardsScoresBelowAFifthOfAHundredCardsDefrauded() {
        List<Row> few = List.of(
                tx("tx-1", "bank-a", "m-small", "card-1", REFERENCE.minus(Duration.ofDays(10))),
                tx("tx-2", "bank-a", "m-small", "card-2", REFERENCE.minus(Duration.ofDays(10))),
                tx("fraud-1", "bank-a", "m-web", "card-1", REFERENCE.minus(Duration.ofDays(9))));
        List<Row> many = new ArrayList<>();
        List<Row> manyLabels = new ArrayList<>();
        for (int card = 0; card < 100; card++) {
            many.add(tx("tx-" + card, "bank-a", "m-big", "card-" + card, REFERENCE.minus(Duration.ofDays(12))));
            if (card % 5 == 0) {
                many.add(tx("fraud-" + card, "bank-a", "m-web", "card-" + card, REFERENCE.minus(Duration.ofDays(9))));
                manyLabels.add(label("fraud-" + card, "bank-a", "FRAUD", REFERENCE.minus(Duration.ofDays(1))));
            }
        }

        double small = compute(
                        few,
                        List.of(label("fraud-1", "bank-a", "FRAUD", REFERENCE.minus(Duration.ofDays(1)))),
                        REFERENCE)
                .get(Topics.merchantRiskKey("bank-a", "m-small"))
                .getCommonPointScore();
        double big = compute(many, manyLabels, REFERENCE)
                .get(Topics.merchantRiskKey("bank-a", "m-big"))
                .getCommonPointScore();

        assertThat(small).isEqualTo(1.0 / 12);
        assertThat(big).isEqualTo(20.0 / 110).isGreaterThan(2 * small);
    }

    private Map<String, MerchantRisk> compute(List<Row> transactions, List<Row> labels, Instant reference) {
        return MerchantRisks.compute(
                        spark.createDataFrame(transactions, HistoryRows.TRANSACTION),
                        spark.createDataFrame(labels, HistoryRows.LABEL),
                        reference,
                        SEVEN_DAYS_DAILY,
                        reference)
                .stream()
                .collect(Collectors.toMap(
                        r -> Topics.merchantRiskKey(
                                r.getBankId().toString(), r.getMerchantId().toString()),
                        Function.identity()));
    }

    /** A transaction of the one card of a synthetic history. */
    public static Row tx(String id, String bank, String merchant, Instant at) {
        return tx(id, bank, merchant, "card-000000", at);
    }

    /** A transaction of {@code card} (a token). */
    public static Row tx(String id, String bank, String merchant, String card, Instant at) {
        SyntheticHistory one = new SyntheticHistory(1, 1, at, 1.0, 0.0, 1L);
        Transaction base = one.card(0).transactions().get(0);
        return HistoryRows.transactionRow(Transaction.newBuilder(base)
                .setTransactionId(id)
                .setBankId(bank)
                .setCardToken(card)
                .setMerchantId(merchant)
                .setEventTime(at)
                .setReceivedAt(at)
                .build());
    }

    public static Row label(String transactionId, String bank, String label, Instant labelledAt) {
        return RowFactory.create(
                "label-" + transactionId + "-" + labelledAt,
                bank,
                transactionId,
                "card-000000",
                label,
                "CHARGEBACK",
                labelledAt,
                null,
                null,
                null,
                null,
                HistoryRows.utcDate(labelledAt));
    }
}
