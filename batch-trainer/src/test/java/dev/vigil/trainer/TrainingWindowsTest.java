package dev.vigil.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class TrainingWindowsTest {

    private static final Instant REFERENCE = Instant.parse("2026-11-23T12:00:00Z");
    private final SparkSession spark = TestSpark.session();

    @Test
    void splitsTrainDelayAndTestEndingAtTheReference() {
        TrainingWindows w = TrainingWindows.endingAt(REFERENCE, Duration.ofDays(3), Duration.ofSeconds(10),
                Duration.ofSeconds(40));

        assertThat(w.testTo()).isEqualTo(REFERENCE);
        assertThat(w.testFrom()).isEqualTo(REFERENCE.minusSeconds(40));
        assertThat(w.trainTo()).isEqualTo(REFERENCE.minusSeconds(50));
        assertThat(w.trainFrom()).isEqualTo(REFERENCE.minusSeconds(50).minus(Duration.ofDays(3)));
        assertThat(w.trainingCutoff()).isEqualTo(w.testFrom());
    }

    @Test
    void historyEndsJustAfterItsNewestTransactionOrLabelArrival() {
        SyntheticHistory population = new SyntheticHistory(20, 10, TrainingTest.START, 2.0, 0.5, 3L);
        List<Row> transactions = population.transactions(spark).collectAsList();
        List<Row> labels = population.labels(spark).collectAsList();
        Instant newestEvent = transactions.stream().map(r -> HistoryRows.instant(r.getAs("eventTime")))
                .max(Instant::compareTo).orElseThrow();
        Instant newestLabel = labels.stream().map(r -> HistoryRows.instant(r.getAs("labelledAt")))
                .max(Instant::compareTo).orElseThrow();
        Dataset<Row> noLabels = spark.createDataFrame(List.of(), HistoryRows.LABEL);

        // chargebacks are reported days after the fraud: the newest label arrives after the newest event
        assertThat(newestLabel).isAfter(newestEvent);

        assertThat(TrainingWindows.historyEnd(population.transactions(spark), noLabels))
                .contains(newestEvent.plusMillis(1));
        assertThat(TrainingWindows.historyEnd(population.transactions(spark), population.labels(spark)))
                .contains(newestLabel.plusMillis(1));
        assertThat(TrainingWindows.historyEnd(spark.createDataFrame(List.of(), HistoryRows.TRANSACTION), noLabels))
                .isEmpty();
    }
}
