package dev.vigil.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.MerchantRisk;
import dev.vigil.events.Transaction;
import dev.vigil.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class MerchantRisksTest {

    private static final Instant REFERENCE = Instant.parse("2026-11-23T00:00:00Z");
    /** Windows end a 7-day label delay before the reference. */
    private static final Instant WINDOW_END = REFERENCE.minus(Duration.ofDays(7));
    private final SparkSession spark = TestSpark.session();

    @Test
    void countsAndFraudRatesOverOneSevenAndThirtyDaysEndingTheLabelDelayBeforeTheReference() {
        List<Row> transactions = List.of(
                tx("tx-1", "bank-a", "m-1", WINDOW_END.minus(Duration.ofHours(2))),   // 1d, 7d, 30d; fraud
                tx("tx-2", "bank-a", "m-1", WINDOW_END.minus(Duration.ofDays(3))),    // 7d, 30d; fraud reported too late
                tx("tx-3", "bank-a", "m-1", WINDOW_END.minus(Duration.ofDays(20))),   // 30d
                tx("tx-4", "bank-b", "m-1", WINDOW_END.minus(Duration.ofDays(20))),   // 30d, other bank; fraud
                tx("tx-5", "bank-a", "m-1", WINDOW_END.plus(Duration.ofDays(1))),     // inside the delay: not counted
                tx("tx-6", "bank-a", "m-1", WINDOW_END.minus(Duration.ofDays(31))));  // too old
        List<Row> labels = List.of(
                label("tx-1", "bank-a", WINDOW_END.minus(Duration.ofHours(1))),
                label("tx-2", "bank-a", WINDOW_END.plus(Duration.ofHours(1))),
                label("tx-4", "bank-b", WINDOW_END.minus(Duration.ofDays(10))));

        Map<String, MerchantRisk> risks = MerchantRisks.compute(
                spark.createDataFrame(transactions, HistoryRows.TRANSACTION),
                spark.createDataFrame(labels, HistoryRows.LABEL), REFERENCE, 7, REFERENCE).stream()
                .collect(Collectors.toMap(r -> Topics.merchantRiskKey(r.getBankId().toString(),
                        r.getMerchantId().toString()), Function.identity()));

        MerchantRisk bankA = risks.get(Topics.merchantRiskKey("bank-a", "m-1"));
        assertThat(List.of(bankA.getTransactions1d(), bankA.getTransactions7d(), bankA.getTransactions30d()))
                .containsExactly(1L, 2L, 3L);
        assertThat(List.of(bankA.getFraudRate1d(), bankA.getFraudRate7d(), bankA.getFraudRate30d()))
                .containsExactly(1.0, 0.5, 1.0 / 3);
        assertThat(bankA.getLabelDelayDays()).isEqualTo(7);
        MerchantRisk all = risks.get(Topics.merchantRiskKey(Topics.ALL_BANKS, "m-1"));
        assertThat(all.getTransactions30d()).isEqualTo(4L);
        assertThat(all.getFraudRate30d()).isEqualTo(0.5);
        assertThat(risks).hasSize(3);
    }

    private static Row tx(String id, String bank, String merchant, Instant at) {
        SyntheticHistory one = new SyntheticHistory(1, 1, at, 1.0, 0.0, 1L);
        Transaction base = one.card(0).transactions().get(0);
        return HistoryRows.transactionRow(Transaction.newBuilder(base).setTransactionId(id).setBankId(bank)
                .setMerchantId(merchant).setEventTime(at).setReceivedAt(at).build());
    }

    private static Row label(String transactionId, String bank, Instant labelledAt) {
        return RowFactory.create("label-" + transactionId, bank, transactionId, "card-000000", "FRAUD", "CHARGEBACK",
                labelledAt, null, null, HistoryRows.utcDate(labelledAt));
    }
}
