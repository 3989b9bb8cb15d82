package dev.vigil.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.trainer.TestSpark;
import dev.vigil.trainer.archive.HistoryRows;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class LabellingTest {

    private static final Instant EVENT = Instant.parse("2026-11-01T10:00:00Z");
    private static final Instant CUTOFF = Instant.parse("2026-11-10T00:00:00Z");
    private final SparkSession spark = TestSpark.session();

    @Test
    void usesOnlyLabelsThatArrivedByTheCutoffAndTheLatestOfThem() {
        Dataset<Row> vectors = spark.createDataFrame(
                List.of(
                        vector("tx-known-fraud"),
                        vector("tx-late-chargeback"),
                        vector("tx-cleared"),
                        vector("tx-unlabelled")),
                FeatureFold.VECTORS);
        Dataset<Row> labels = spark.createDataFrame(
                List.of(
                        label("tx-known-fraud", "FRAUD", CUTOFF.minusSeconds(3600)),
                        // reported after the cut-off: a model trained at the cut-off could not have known it
                        label("tx-late-chargeback", "FRAUD", CUTOFF.plusSeconds(1)),
                        // first reported as fraud, then cleared by an analyst before the cut-off
                        label("tx-cleared", "FRAUD", CUTOFF.minusSeconds(7200)),
                        label("tx-cleared", "GENUINE", CUTOFF.minusSeconds(60))),
                HistoryRows.LABEL);

        Map<String, Double> labelled = Labelling.labelled(vectors, labels, CUTOFF).collectAsList().stream()
                .collect(Collectors.toMap(row -> row.getAs("transactionId"), row -> row.getAs(Labelling.LABEL)));

        assertThat(labelled)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "tx-known-fraud", 1.0, "tx-late-chargeback", 0.0, "tx-cleared", 0.0, "tx-unlabelled", 0.0));
    }

    private static Row vector(String transactionId) {
        return RowFactory.create(transactionId, "bank-a", "card-000001", "m-1", EVENT, Vectors.dense(1.0, 2.0));
    }

    private static Row label(String transactionId, String label, Instant labelledAt) {
        return RowFactory.create(
                "label-" + transactionId + "-" + label,
                "bank-a",
                transactionId,
                "card-000001",
                label,
                "CHARGEBACK",
                labelledAt,
                EVENT,
                null,
                HistoryRows.utcDate(labelledAt));
    }
}
