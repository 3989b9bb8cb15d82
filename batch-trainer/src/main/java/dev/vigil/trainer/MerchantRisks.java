package dev.vigil.trainer;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.vigil.events.MerchantRisk;
import dev.vigil.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Merchant risk: per merchant, transactions and fraud rate over 1, 7 and 30 days ending
 * {@code labelDelayDays} before the reference time, counting only labels known by then. One
 * record per bank and merchant, and one per merchant across all banks ({@link Topics#ALL_BANKS}).
 */
final class MerchantRisks {

    private static final int[] DAYS = {1, 7, 30};

    private MerchantRisks() {
    }

    static List<MerchantRisk> compute(Dataset<Row> transactions, Dataset<Row> labels, Instant reference,
            int labelDelayDays, Instant computedAt) {
        Instant end = reference.minus(Duration.ofDays(labelDelayDays));
        Dataset<Row> window = transactions
                .where(col("eventTime").geq(lit(end.minus(Duration.ofDays(30)))).and(col("eventTime").lt(lit(end))))
                .select("transactionId", "bankId", "merchantId", "eventTime");
        Dataset<Row> labelled = Labelling.labelled(window, labels, end);
        List<Column> aggregates = new ArrayList<>();
        for (int days : DAYS) {
            Column in = col("eventTime").geq(lit(end.minus(Duration.ofDays(days))));
            aggregates.add(sum(when(in, 1L).otherwise(0L)).as("n" + days));
            aggregates.add(sum(when(in, col(Labelling.LABEL)).otherwise(0.0)).as("f" + days));
        }
        Column first = aggregates.get(0);
        Column[] rest = aggregates.subList(1, aggregates.size()).toArray(Column[]::new);
        Dataset<Row> perBank = labelled.groupBy(col("bankId"), col("merchantId")).agg(first, rest);
        Dataset<Row> allBanks = labelled.groupBy(lit(Topics.ALL_BANKS).as("bankId"), col("merchantId")).agg(first, rest);
        List<MerchantRisk> risks = new ArrayList<>();
        for (Row row : perBank.unionByName(allBanks).collectAsList()) {
            risks.add(MerchantRisk.newBuilder()
                    .setBankId(row.getString(0))
                    .setMerchantId(row.getString(1))
                    .setReferenceTime(reference)
                    .setLabelDelayDays(labelDelayDays)
                    .setTransactions1d(row.getLong(2))
                    .setFraudRate1d(rate(row.getDouble(3), row.getLong(2)))
                    .setTransactions7d(row.getLong(4))
                    .setFraudRate7d(rate(row.getDouble(5), row.getLong(4)))
                    .setTransactions30d(row.getLong(6))
                    .setFraudRate30d(rate(row.getDouble(7), row.getLong(6)))
                    .setComputedAt(computedAt)
                    .build());
        }
        return risks;
    }

    static void publish(List<MerchantRisk> risks, Publisher<String, MerchantRisk> publisher) {
        for (MerchantRisk risk : risks) {
            publisher.send(Topics.merchantRiskKey(risk.getBankId().toString(), risk.getMerchantId().toString()), risk);
        }
        publisher.flush();
    }

    private static double rate(double frauds, long transactions) {
        return transactions == 0 ? 0.0 : frauds / transactions;
    }
}
