package dev.vigil.trainer.training;

import static dev.vigil.trainer.risk.MerchantRisksTest.label;
import static dev.vigil.trainer.risk.MerchantRisksTest.tx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.MerchantRisk;
import dev.vigil.events.Transaction;
import dev.vigil.features.CardFeatures;
import dev.vigil.features.CardProfile;
import dev.vigil.features.FeatureSchema;
import dev.vigil.schemas.Topics;
import dev.vigil.trainer.TestSpark;
import dev.vigil.trainer.archive.HistoryRows;
import dev.vigil.trainer.bench.SyntheticHistory;
import dev.vigil.trainer.risk.MerchantRisks;
import dev.vigil.trainer.risk.RiskClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class FeatureFoldTest {

    private static final Instant START = Instant.parse("2026-10-01T00:00:00Z");
    /** The probes' reference time: the start of their UTC day. */
    private static final Instant MIDNIGHT = Instant.parse("2026-11-23T00:00:00Z");

    private static final RiskClock SEVEN_DAYS_DAILY = RiskClock.of(Duration.ofDays(7), RiskClock.DAY);
    private static final List<String> MERCHANT_FEATURES = List.of(
            FeatureSchema.Names.MERCHANT_KNOWN,
            FeatureSchema.Names.MERCHANT_TX_COUNT_1D,
            FeatureSchema.Names.MERCHANT_TX_COUNT_7D,
            FeatureSchema.Names.MERCHANT_TX_COUNT_30D,
            FeatureSchema.Names.MERCHANT_FRAUD_RATE_1D,
            FeatureSchema.Names.MERCHANT_FRAUD_RATE_7D,
            FeatureSchema.Names.MERCHANT_FRAUD_RATE_30D);
    private final SparkSession spark = TestSpark.session();

    @Test
    void merchantFeaturesAreTheRiskMerchantRisksComputesAtTheTransactionsReferenceTime() {
        Instant windowEnd = MIDNIGHT.minus(Duration.ofDays(7));
        Dataset<Row> transactions = spark.createDataFrame(
                List.of(
                        tx("tx-1", "bank-a", "m-1", windowEnd.minus(Duration.ofHours(23))),
                        tx("tx-2", "bank-a", "m-1", windowEnd.minus(Duration.ofDays(3))),
                        tx("tx-3", "bank-b", "m-1", windowEnd.minus(Duration.ofDays(2))),
                        tx("probe-a", "bank-a", "m-1", MIDNIGHT.plus(Duration.ofHours(15))),
                        tx("probe-c", "bank-c", "m-1", MIDNIGHT.plus(Duration.ofHours(16))),
                        tx("probe-new", "bank-a", "m-9", MIDNIGHT.plus(Duration.ofHours(17)))),
                HistoryRows.TRANSACTION);
        Dataset<Row> labels = spark.createDataFrame(
                List.of(
                        label("tx-1", "bank-a", "FRAUD", MIDNIGHT.minus(Duration.ofHours(1))),
                        // after the probes' reference time, though before the probes themselves: not known yet
                        label("tx-2", "bank-a", "FRAUD", MIDNIGHT.plus(Duration.ofHours(1)))),
                HistoryRows.LABEL);

        Map<String, double[]> folded = merchantFeatures(
                FeatureFold.vectors(transactions, labels, SEVEN_DAYS_DAILY, TrainingConfig.SCORER_DEDUP_RETENTION));
        Map<String, MerchantRisk> published =
                MerchantRisks.compute(transactions, labels, MIDNIGHT, SEVEN_DAYS_DAILY, MIDNIGHT).stream()
                        .collect(Collectors.toMap(
                                r -> Topics.merchantRiskKey(
                                        r.getBankId().toString(),
                                        r.getMerchantId().toString()),
                                Function.identity()));

        assertThat(folded.get("probe-a"))
                .containsExactly(merchantFeatures(published.get(Topics.merchantRiskKey("bank-a", "m-1"))));
        assertThat(folded.get("probe-a")).containsExactly(1, 1, 2, 2, 1.0, 0.5, 0.5);
        // no view of bank-c's own: all banks'
        assertThat(folded.get("probe-c"))
                .containsExactly(merchantFeatures(published.get(Topics.merchantRiskKey(Topics.ALL_BANKS, "m-1"))));
        assertThat(folded.get("probe-c")).containsExactly(1, 1, 3, 3, 1.0, 1.0 / 3, 1.0 / 3);
        assertThat(folded.get("probe-new")).containsOnly(0.0);
    }

    @Test
    void sparkVectorsEqualTheFeaturesFoldRunDirectlyInJavaWithTheRisksPublishedEachDay() {
        SyntheticHistory population = new SyntheticHistory(60, 10, START, 3.0, 0.3, 11L);
        RiskClock twoDaysDaily = RiskClock.of(Duration.ofDays(2), RiskClock.DAY);
        Dataset<Row> transactions = population.transactions(spark).cache();
        Dataset<Row> labels = population.labels(spark).cache();

        Map<String, double[]> fromSpark = new HashMap<>();
        for (Row row : FeatureFold.vectors(transactions, labels, twoDaysDaily, TrainingConfig.SCORER_DEDUP_RETENTION)
                .collectAsList()) {
            fromSpark.put(row.getAs("transactionId"), ((Vector) row.getAs("features")).toArray());
        }

        Map<Instant, Map<String, MerchantRisk>> publishedEachMidnight = new HashMap<>();
        for (int day = 0; day < population.days(); day++) {
            Instant midnight = START.plus(Duration.ofDays(day));
            publishedEachMidnight.put(
                    midnight,
                    MerchantRisks.compute(transactions, labels, midnight, twoDaysDaily, midnight).stream()
                            .collect(Collectors.toMap(
                                    r -> Topics.merchantRiskKey(
                                            r.getBankId().toString(),
                                            r.getMerchantId().toString()),
                                    Function.identity())));
        }
        Map<String, double[]> direct = new HashMap<>();
        int total = 0;
        for (int card = 0; card < population.cards(); card++) {
            List<Transaction> history = new ArrayList<>(population.card(card).transactions());
            total += history.size();
            history.sort(FeatureFold.FOLD_ORDER);
            CardProfile profile = CardProfile.EMPTY;
            for (Transaction tx : history) {
                Map<String, MerchantRisk> inForce = publishedEachMidnight.get(startOfUtcDay(tx.getEventTime()));
                CardFeatures.Step step = CardFeatures.next(
                        profile,
                        tx,
                        asTheScorerLooksItUp(inForce, tx.getBankId(), tx.getMerchantId()),
                        merchantId -> asTheScorerLooksItUp(inForce, tx.getBankId(), merchantId));
                profile = step.profile();
                direct.put(tx.getTransactionId().toString(), step.features().values());
            }
        }

        assertThat(fromSpark).hasSize(total);
        assertThat(fromSpark.keySet()).isEqualTo(direct.keySet());
        direct.forEach((id, values) -> assertThat(fromSpark.get(id)).as(id).containsExactly(values));
        int fraudRate = FeatureSchema.CURRENT.indexOf(FeatureSchema.Names.MERCHANT_FRAUD_RATE_30D);
        int known = FeatureSchema.CURRENT.indexOf(FeatureSchema.Names.MERCHANT_KNOWN);
        int commonPoint = FeatureSchema.CURRENT.indexOf(FeatureSchema.Names.COMMON_POINT_SCORE);
        assertThat(direct.values())
                .as(
                        "some merchants known, some not, some with known frauds, some cards exposed to a common point, some not")
                .anyMatch(x -> x[known] == 1)
                .anyMatch(x -> x[known] == 0)
                .anyMatch(x -> x[fraudRate] > 0)
                .anyMatch(x -> x[commonPoint] > 0)
                .anyMatch(x -> x[commonPoint] == 0);
        transactions.unpersist();
        labels.unpersist();
    }

    /** The bank's own view of the merchant, else all banks', else none (as {@code CardScorer} reads its store). */
    private static MerchantRisk asTheScorerLooksItUp(
            Map<String, MerchantRisk> published, String bankId, String merchantId) {
        MerchantRisk own = published.get(Topics.merchantRiskKey(bankId, merchantId));
        return own != null ? own : published.get(Topics.merchantRiskKey(Topics.ALL_BANKS, merchantId));
    }

    private static Instant startOfUtcDay(Instant time) {
        return HistoryRows.utcDate(time).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static Map<String, double[]> merchantFeatures(Dataset<Row> vectors) {
        Map<String, double[]> features = new HashMap<>();
        for (Row row : vectors.collectAsList()) {
            double[] x = ((Vector) row.getAs("features")).toArray();
            features.put(
                    row.getAs("transactionId"),
                    MERCHANT_FEATURES.stream()
                            .mapToDouble(name -> x[FeatureSchema.CURRENT.indexOf(name)])
                            .toArray());
        }
        return features;
    }

    private static double[] merchantFeatures(MerchantRisk risk) {
        return new double[] {
            1,
            risk.getTransactions1d(),
            risk.getTransactions7d(),
            risk.getTransactions30d(),
            risk.getFraudRate1d(),
            risk.getFraudRate7d(),
            risk.getFraudRate30d()
        };
    }
}
