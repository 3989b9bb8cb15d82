package dev.vigil.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.events.ModelBundle;
import dev.vigil.events.ModelType;
import dev.vigil.features.model.ModelEvaluator;
import dev.vigil.features.rules.RulesConfig;
import dev.vigil.schemas.Topics;
import dev.vigil.trainer.TestSpark;
import dev.vigil.trainer.bench.SyntheticHistory;
import dev.vigil.trainer.risk.RiskClock;
import dev.vigil.trainer.scoring.OfflineScoring;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public class TrainingTest {

    public static final Instant START = Instant.parse("2026-09-01T00:00:00Z");
    public static final Instant TRAINED_AT = Instant.parse("2026-11-23T04:00:00Z");
    /** Merchant risk as of the start of each transaction's UTC day, windows ending 7 days before it. */
    public static final RiskClock MERCHANT_RISK = RiskClock.of(Duration.ofDays(7), RiskClock.DAY);

    private final SparkSession spark = TestSpark.session();
    private Training.Result result;
    private TrainingWindows windows;
    private SyntheticHistory population;
    private TrainingConfig config;

    @BeforeAll
    void trainOnce() {
        population = new SyntheticHistory(300, 35, START, 2.0, 0.15, 5L);
        config = new TrainingConfig(
                Duration.ofDays(14),
                Duration.ofDays(7),
                Duration.ofDays(7),
                10,
                0.01,
                0.002,
                10,
                4,
                10,
                7L,
                5,
                MERCHANT_RISK);
        windows = config.windowsAt(population.end());
        result = Training.train(population.transactions(spark), population.labels(spark), windows, config, TRAINED_AT);
    }

    @Test
    void refusesToTrainWhenAWindowHoldsFewerLabelledFraudsThanTheMinimum() {
        long fewest = Math.min(
                result.evaluationTrain().frauds(),
                Math.min(
                        result.evaluationCounts().keptFrauds(),
                        result.finalTrain().frauds()));

        assertThatThrownBy(() -> Training.train(
                        population.transactions(spark),
                        population.labels(spark),
                        windows,
                        config.withMinFrauds(fewest + 1),
                        TRAINED_AT))
                .isInstanceOf(NotEnoughLabels.class)
                .hasMessageContaining("the evaluation training window " + windows.evaluationTrain() + " has "
                        + result.evaluationTrain().frauds() + " frauds in "
                        + result.evaluationTrain().rows() + " transactions")
                .hasMessageContaining("the evaluation window " + windows.evaluation() + " has "
                        + result.evaluationCounts().keptFrauds() + " frauds in "
                        + result.evaluationCounts().keptRows())
                .hasMessageContaining("the final training window " + windows.finalTrain() + " has "
                        + result.finalTrain().frauds() + " frauds in "
                        + result.finalTrain().rows())
                .hasMessageContaining("at least " + (fewest + 1));
    }

    @Test
    void refusesToTrainOnAHistoryWithoutFraud() {
        SyntheticHistory honest = new SyntheticHistory(40, 35, START, 2.0, 0.0, 5L);

        assertThatThrownBy(() -> Training.train(
                        honest.transactions(spark), honest.labels(spark), windows, config.withMinFrauds(1), TRAINED_AT))
                .isInstanceOf(NotEnoughLabels.class)
                .hasMessageContaining("has 0 frauds");
    }

    @Test
    void fitsOnlyTheGridsLearnersOnEveryFraudAndASampleOfGenuineTransactions() {
        Training.Result sampled = Training.train(
                population.transactions(spark),
                population.labels(spark),
                windows,
                config.withSelection(Grid.parse("lr"), 1, 0.5),
                TRAINED_AT);

        assertThat(sampled.candidates())
                .extracting(Training.Candidate::type)
                .containsExactly(ModelType.LOGISTIC_REGRESSION);
        assertThat(sampled.evaluationTrain().frauds())
                .isEqualTo(result.evaluationTrain().frauds());
        assertThat(sampled.finalTrain().frauds()).isEqualTo(result.finalTrain().frauds());
        long genuine =
                result.evaluationTrain().rows() - result.evaluationTrain().frauds();
        long kept = sampled.evaluationTrain().rows() - sampled.evaluationTrain().frauds();
        assertThat(kept).isBetween((long) (0.4 * genuine), (long) (0.6 * genuine));
        // the evaluation, and so the gate, still scores every transaction of its window
        assertThat(sampled.evaluationCounts()).isEqualTo(result.evaluationCounts());
        assertThat(sampled.evaluationTrain().sampled()).isEqualTo("; genuine sampled at 50%");
        assertThat(result.evaluationTrain().sampled()).isEmpty();
    }

    @Test
    void trainsAllThreeLearnersAndRanksThemByAveragePrecision() {
        assertThat(result.candidates())
                .extracting(Training.Candidate::type)
                .containsExactlyInAnyOrder(
                        ModelType.LOGISTIC_REGRESSION, ModelType.RANDOM_FOREST, ModelType.GRADIENT_BOOSTED_TREES);
        assertThat(result.candidates())
                .isSortedAccordingTo((a, b) -> Double.compare(b.averagePrecision(), a.averagePrecision()));
    }

    @Test
    void bestModelFindsTheSyntheticFraudFarAboveTheBaseRate() {
        double baseRate = (double) result.evaluationCounts().keptFrauds()
                / result.evaluationCounts().keptRows();
        assertThat(result.evaluationCounts().keptFrauds()).isPositive();
        assertThat(result.best().averagePrecision()).isGreaterThan(10 * baseRate);
        assertThat(result.best().metrics().get(Training.MetricNames.AUC_ROC)).isGreaterThan(0.9);
        assertThat(result.best().metrics())
                .containsKey(Training.MetricNames.cardPrecisionAt(10))
                .containsKey(Training.MetricNames.topCardFraudShareAt(10));
    }

    @Test
    void namesEachCandidatesTopFeaturesFromTheSchemaMostImportantFirst() {
        for (Training.Candidate candidate : result.candidates()) {
            List<Map.Entry<String, Double>> top = candidate.topFeatures(5);
            assertThat(top).hasSize(5);
            assertThat(top)
                    .extracting(Map.Entry::getKey)
                    .isSubsetOf(FeatureFold.SCHEMA.names())
                    .doesNotHaveDuplicates();
            assertThat(top.get(0).getValue())
                    .as(candidate.type() + " leans on some feature")
                    .isPositive();
            for (int i = 1; i < top.size(); i++) {
                assertThat(top.get(i).getValue())
                        .isLessThanOrEqualTo(top.get(i - 1).getValue());
            }
            double all = candidate.topFeatures(FeatureFold.SCHEMA.names().size()).stream()
                    .mapToDouble(Map.Entry::getValue)
                    .sum();
            assertThat(all).isCloseTo(1.0, within(1e-9));
        }
    }

    @Test
    void bundlesRecordTheirWindowsSchemaAndMetrics() {
        for (Training.Candidate candidate : result.candidates()) {
            assertThat(candidate.bundle().getModelType()).isEqualTo(candidate.type());
            assertThat(candidate.bundle().getFeatureSchema()).isEqualTo(FeatureFold.SCHEMA.id());
            // the best is published as its fit on the final window; the others as evaluated
            TrainingWindows.Window fitted =
                    candidate == result.best() ? windows.finalTrain() : windows.evaluationTrain();
            assertThat(candidate.bundle().getTrainFromTime()).isEqualTo(fitted.from());
            assertThat(candidate.bundle().getTrainToTime()).isEqualTo(fitted.to());
            assertThat(candidate.bundle().getTestFromTime())
                    .isEqualTo(windows.evaluation().from());
            assertThat(candidate.bundle().getTestToTime())
                    .isEqualTo(windows.evaluation().to());
            assertThat(candidate.bundle().getMetrics()).containsAllEntriesOf(candidate.metrics());
            assertThat(candidate.bundle().getDeclineThreshold())
                    .isGreaterThanOrEqualTo(candidate.bundle().getReviewThreshold());
        }
    }

    @Test
    void thePublishedFitsThresholdsKeepEachDayOfTheFreshestWindowWithinTheBudgetByItsOwnScores() {
        TrainingWindows.Window freshest = windows.freshest().orElseThrow();
        ModelBundle published = result.best().bundle();
        assertThat(result.best().thresholdsFrom()).isEqualTo(freshest);
        // the scorer's decisions: the rules' alerts and the final fit's scores at its thresholds, day by day
        Map<java.time.LocalDate, long[]> days = new java.util.TreeMap<>();
        List<OfflineScoring.Scored> fresh = offline(published, freshest);
        long modelAtOrAboveReview = 0;
        for (OfflineScoring.Scored s : fresh) {
            long[] day = days.computeIfAbsent(
                    s.eventTime().atZone(java.time.ZoneOffset.UTC).toLocalDate(), d -> new long[2]);
            day[0]++;
            day[1] += s.decision().equals("APPROVE") ? 0 : 1;
            modelAtOrAboveReview += s.modelScore() >= published.getReviewThreshold() ? 1 : 0;
        }
        assertThat(days).hasSize(7);
        days.forEach((day, counts) -> assertThat((double) counts[1] / counts[0])
                .as("alert rate on %s", day)
                .isLessThanOrEqualTo(config.reviewShare()));
        // the drift reference the scorer reads is this distribution, not the evaluated fit's
        assertThat(published.getMetrics().get(Training.MetricNames.REVIEW_SHARE))
                .isCloseTo((double) modelAtOrAboveReview / fresh.size(), within(1e-12));
        // the others keep the thresholds set on their scores of the evaluation window, where the gate measures them
        for (Training.Candidate candidate :
                result.candidates().subList(1, result.candidates().size())) {
            assertThat(candidate.thresholdsFrom()).isEqualTo(windows.evaluation());
            assertThat(candidate.evaluatedReview()).isEqualTo(candidate.bundle().getReviewThreshold());
        }
    }

    @Test
    void exportedBundlesScoredByTheFeaturesEvaluatorEqualSparksProbabilities() {
        for (Training.Candidate candidate : result.candidates()) {
            ModelEvaluator evaluator = ModelEvaluator.compile(candidate.bundle(), FeatureFold.SCHEMA);
            List<Row> scored = candidate
                    .score(result.evaluation().testSet())
                    .select("features", Training.SCORE)
                    .collectAsList();
            assertThat(scored).hasSize((int) result.evaluationCounts().rows());
            for (Row row : scored) {
                double[] x = ((Vector) row.get(0)).toArray();
                assertThat(evaluator.score(x))
                        .as("%s on %s", candidate.type(), Arrays.toString(x))
                        .isCloseTo(row.getDouble(1), within(1e-9));
            }
        }
    }

    @Test
    void writesEveryEvaluatedCandidatesScoreOfEachEvaluationTransaction() {
        assertThat(result.testScores())
                .hasSize(3 * (int) result.evaluationCounts().rows());
        assertThat(result.testScores())
                .filteredOn(Evaluation.TestScore::knownCompromised)
                .hasSize(3
                        * (int) (result.evaluationCounts().rows()
                                - result.evaluationCounts().keptRows()));
        for (Training.Candidate candidate : result.candidates()) {
            List<Evaluation.TestScore> own = result.testScores().stream()
                    .filter(s -> s.candidate().equals(candidate.bundle().getModelVersion()))
                    .toList();
            // recomputed from the rows alone: the metrics the report shows
            assertThat(result.evaluation().measure(own).get(Training.MetricNames.AVERAGE_PRECISION))
                    .isEqualTo(candidate.averagePrecision());
        }
    }

    @Test
    void scoresOfflineWithThePublishedBundleWhatSparksFinalFitScores() {
        Map<String, Double> sparkScores = new HashMap<>();
        for (Row row : result.best()
                .score(result.evaluation().testSet())
                .select("transactionId", Training.SCORE)
                .collectAsList()) {
            sparkScores.put(row.getString(0), row.getDouble(1));
        }
        // the published bundle with a decline threshold among this window's scores (its own was set on the
        // freshest window and may lie above all of these), so the decline branch below is exercised
        // whatever the rules decide on this synthetic population
        double[] sorted = sparkScores.values().stream()
                .mapToDouble(Double::doubleValue)
                .sorted()
                .toArray();
        double decline = sorted[(int) (sorted.length * 0.99)];
        ModelBundle published = ModelBundle.newBuilder(result.best().bundle())
                .setDeclineThreshold(decline)
                .setReviewThreshold(Math.min(result.best().bundle().getReviewThreshold(), decline))
                .build();
        List<OfflineScoring.Scored> offline = offline(published, windows.evaluation());

        assertThat(offline).hasSize((int) result.evaluationCounts().rows());
        for (OfflineScoring.Scored s : offline) {
            assertThat(s.modelScore())
                    .as(s.transactionId())
                    .isCloseTo(sparkScores.get(s.transactionId()), within(1e-9));
            assertThat(s.score()).isGreaterThanOrEqualTo(s.modelScore());
            if (s.modelScore() >= published.getDeclineThreshold()) {
                assertThat(s.decision()).isEqualTo("DECLINE");
            }
        }
        assertThat(offline).extracting(OfflineScoring.Scored::decision).contains("APPROVE", "DECLINE");
    }

    /** The scorer's decisions on the window's transactions with {@code published} in force, as the trainer replays them. */
    private List<OfflineScoring.Scored> offline(ModelBundle published, TrainingWindows.Window window) {
        return OfflineScoring.score(
                population.transactions(spark),
                population.labels(spark),
                config,
                Map.of(Topics.ALL_BANKS, published),
                RulesConfig.DEFAULTS,
                window.from(),
                window.to());
    }
}
