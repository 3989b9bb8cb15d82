package dev.vigil.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.trainer.TestSpark;
import dev.vigil.trainer.archive.HistoryRows;
import dev.vigil.trainer.bench.SyntheticHistory;
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
    void theHandbookProtocolEvaluatesOnMaturedLabelsAndPublishesAFitOnTheLatestKnownWeek() {
        Duration week = Duration.ofDays(7);
        TrainingWindows w = TrainingWindows.at(Instant.parse("2018-08-08T00:00:00Z"), week, week, week, week);

        // candidates fitted on 07-11..07-17 with the labels known on 07-25, ranked on 07-25..07-31
        assertThat(w.evaluationTrain())
                .isEqualTo(new TrainingWindows.Window(
                        Instant.parse("2018-07-11T00:00:00Z"),
                        Instant.parse("2018-07-18T00:00:00Z"),
                        Instant.parse("2018-07-25T00:00:00Z")));
        assertThat(w.evaluation())
                .isEqualTo(new TrainingWindows.Window(
                        Instant.parse("2018-07-25T00:00:00Z"),
                        Instant.parse("2018-08-01T00:00:00Z"),
                        Instant.parse("2018-08-08T00:00:00Z")));
        // the published model: fitted on 07-25..07-31 with the labels known on 08-08
        assertThat(w.finalTrain())
                .isEqualTo(new TrainingWindows.Window(
                        Instant.parse("2018-07-25T00:00:00Z"),
                        Instant.parse("2018-08-01T00:00:00Z"),
                        Instant.parse("2018-08-08T00:00:00Z")));
        // its thresholds: set on its scores of the delay period, 08-01..08-07, which it has not seen
        assertThat(w.freshest())
                .contains(new TrainingWindows.Window(
                        Instant.parse("2018-08-01T00:00:00Z"),
                        Instant.parse("2018-08-08T00:00:00Z"),
                        Instant.parse("2018-08-08T00:00:00Z")));
        assertThat(w.end()).isEqualTo(Instant.parse("2018-08-08T00:00:00Z"));
    }

    @Test
    void splitsTrainDelayAndEvaluationEndingTheLabelDelayBeforeTheReference() {
        TrainingWindows w = TrainingWindows.at(
                REFERENCE, Duration.ofDays(3), Duration.ofSeconds(10), Duration.ofSeconds(40), Duration.ofSeconds(5));

        assertThat(w.evaluation().to()).isEqualTo(REFERENCE.minusSeconds(5));
        assertThat(w.evaluation().from()).isEqualTo(REFERENCE.minusSeconds(45));
        assertThat(w.evaluation().labelsKnownBy()).isEqualTo(REFERENCE);
        assertThat(w.evaluationTrain().to()).isEqualTo(REFERENCE.minusSeconds(55));
        assertThat(w.evaluationTrain().from())
                .isEqualTo(REFERENCE.minusSeconds(55).minus(Duration.ofDays(3)));
        assertThat(w.evaluationTrain().labelsKnownBy()).isEqualTo(w.evaluation().from());
        assertThat(w.finalTrain().to()).isEqualTo(REFERENCE.minusSeconds(10));
        assertThat(w.finalTrain().from()).isEqualTo(REFERENCE.minusSeconds(10).minus(Duration.ofDays(3)));
        assertThat(w.finalTrain().labelsKnownBy()).isEqualTo(REFERENCE);
        assertThat(w.freshest()).contains(new TrainingWindows.Window(REFERENCE.minusSeconds(10), REFERENCE, REFERENCE));
        assertThat(w.end()).isEqualTo(REFERENCE);
    }

    @Test
    void withoutADelayNothingIsFresherThanTheFinalTrainingWindow() {
        TrainingWindows w = TrainingWindows.at(
                REFERENCE, Duration.ofDays(3), Duration.ZERO, Duration.ofSeconds(40), Duration.ofSeconds(5));

        assertThat(w.freshest()).isEmpty();
        assertThat(w.end()).isEqualTo(REFERENCE);
    }

    @Test
    void historyEndsJustAfterItsNewestTransactionOrLabelArrival() {
        SyntheticHistory population = new SyntheticHistory(20, 10, TrainingTest.START, 2.0, 0.5, 3L);
        List<Row> transactions = population.transactions(spark).collectAsList();
        List<Row> labels = population.labels(spark).collectAsList();
        Instant newestEvent = transactions.stream()
                .map(r -> HistoryRows.instant(r.getAs("eventTime")))
                .max(Instant::compareTo)
                .orElseThrow();
        Instant newestLabel = labels.stream()
                .map(r -> HistoryRows.instant(r.getAs("labelledAt")))
                .max(Instant::compareTo)
                .orElseThrow();
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
