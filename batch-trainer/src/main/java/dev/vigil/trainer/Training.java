package dev.vigil.trainer;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import dev.vigil.events.ModelBundle;
import dev.vigil.events.ModelType;
import dev.vigil.features.quality.Metrics;
import dev.vigil.schemas.Topics;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.classification.RandomForestClassificationModel;
import org.apache.spark.ml.classification.RandomForestClassifier;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StandardScalerModel;
import org.apache.spark.ml.functions;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The training pipeline as a function: history in, evaluated candidates out. Features come from
 * {@link FeatureFold} (with merchant risk as of each transaction), labels from {@link Labelling} with
 * their arrival time respected; the three MLlib learners are weighted for class imbalance and
 * measured on the same test window.
 */
final class Training {

    static final String WEIGHT = "weight";
    static final String SCORE = "score";
    private static final DateTimeFormatter VERSION_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** One trained model: how Spark scores it, what it measured on the test window, and its portable form. */
    record Candidate(ModelType type, Transformer model, Map<String, Double> metrics, ModelBundle bundle) {
        double averagePrecision() {
            return metrics.get(MetricNames.AVERAGE_PRECISION);
        }

        /** {@code rows} with a {@code score} column: Spark's fraud probability. */
        Dataset<Row> score(Dataset<Row> rows) {
            return model.transform(rows).withColumn(SCORE, functions.vector_to_array(col("probability"), "float64").getItem(1));
        }
    }

    /** What a run produced: its windows, row counts and every candidate, best (highest average precision) first. */
    record Result(TrainingWindows windows, long trainRows, long trainFrauds, long testRows, long testFrauds,
            List<Candidate> candidates, Dataset<Row> testSet) {
        Candidate best() {
            return candidates.get(0);
        }
    }

    /** Metric names, as recorded in bundles, reports and the model_versions table. */
    static final class MetricNames {
        static final String AUC_ROC = "auc_roc";
        static final String AVERAGE_PRECISION = "average_precision";
        static final String REVIEW_SHARE = "test_review_share";
        static final String SCORE_P50 = "test_score_p50";
        static final String SCORE_P95 = "test_score_p95";

        static String cardPrecisionAt(int k) {
            return "card_precision_at_" + k;
        }

        private MetricNames() {
        }
    }

    private Training() {
    }

    static Result train(Dataset<Row> transactions, Dataset<Row> labels, TrainingWindows windows, TrainingConfig config,
            Instant trainedAt) {
        return train(transactions, labels, windows, config, trainedAt, new Phases());
    }

    /**
     * As above, timing each phase into {@code phases}: {@code features} (the fold), {@code labels}
     * (the label joins and counts), then {@code fit}, {@code export} and {@code evaluate} per learner.
     *
     * @throws NotEnoughLabels when the training or test window holds fewer than {@code config.minFrauds()}
     *                         labelled frauds, or no genuine transaction; nothing is fitted then
     */
    static Result train(Dataset<Row> transactions, Dataset<Row> labels, TrainingWindows windows, TrainingConfig config,
            Instant trainedAt, Phases phases) {
        Dataset<Row> vectors = FeatureFold.vectors(
                transactions.where(col("eventTime").lt(lit(windows.testTo()))), labels, config.merchantRisk())
                .cache();
        phases.time("features", vectors::count);
        Dataset<Row> trainSet = Labelling.labelled(inWindow(vectors, windows.trainFrom(), windows.trainTo()),
                labels, windows.trainingCutoff());
        Dataset<Row> testSet = Labelling.labelled(inWindow(vectors, windows.testFrom(), windows.testTo()),
                labels, windows.testTo()).cache();
        long[] counts = phases.time("labels", () -> new long[] {
            trainSet.count(), trainSet.where(col(Labelling.LABEL).equalTo(1.0)).count(),
            testSet.count(), testSet.where(col(Labelling.LABEL).equalTo(1.0)).count()});
        long trainRows = counts[0];
        long trainFrauds = counts[1];
        long testRows = counts[2];
        long testFrauds = counts[3];
        requireEnoughLabels(windows, config, trainRows, trainFrauds, testRows, testFrauds, () -> {
            vectors.unpersist();
            testSet.unpersist();
        });
        // balanced class weights: all frauds together weigh as much as all genuine transactions
        double fraudWeight = (double) (trainRows - trainFrauds) / trainFrauds;
        Dataset<Row> weighted = trainSet
                .withColumn(WEIGHT, when(col(Labelling.LABEL).equalTo(1.0), fraudWeight).otherwise(1.0))
                .cache();

        List<Candidate> candidates = new ArrayList<>();
        candidates.add(logistic(weighted, testSet, windows, config, trainedAt, phases));
        candidates.add(forest(weighted, testSet, windows, config, trainedAt, phases));
        candidates.add(boosted(weighted, testSet, windows, config, trainedAt, phases));
        candidates.sort(Comparator.comparingDouble(Candidate::averagePrecision).reversed());
        weighted.unpersist();
        vectors.unpersist();
        return new Result(windows, trainRows, trainFrauds, testRows, testFrauds, List.copyOf(candidates), testSet);
    }

    private static void requireEnoughLabels(TrainingWindows windows, TrainingConfig config, long trainRows,
            long trainFrauds, long testRows, long testFrauds, Runnable release) {
        long needed = Math.max(1, config.minFrauds());
        boolean trainOk = trainFrauds >= needed && trainFrauds < trainRows;
        boolean testOk = testFrauds >= needed && testFrauds < testRows;
        if (trainOk && testOk) {
            return;
        }
        release.run();
        throw new NotEnoughLabels(String.format(Locale.ROOT,
                "too little labelled history: the training window %s .. %s has %d frauds in %d transactions "
                        + "(labels known by %s), the test window %s .. %s has %d frauds in %d; each needs at least %d "
                        + "frauds and some genuine transactions (--min-frauds)",
                windows.trainFrom(), windows.trainTo(), trainFrauds, trainRows, windows.trainingCutoff(),
                windows.testFrom(), windows.testTo(), testFrauds, testRows, needed));
    }

    private static Dataset<Row> inWindow(Dataset<Row> vectors, Instant from, Instant to) {
        return vectors.where(col("eventTime").geq(lit(from)).and(col("eventTime").lt(lit(to))));
    }

    private static Candidate logistic(Dataset<Row> train, Dataset<Row> test, TrainingWindows windows,
            TrainingConfig config, Instant trainedAt, Phases phases) {
        PipelineModel model = phases.time("fit lr", () -> new Pipeline().setStages(new PipelineStage[] {
            new StandardScaler().setInputCol("features").setOutputCol("scaled").setWithMean(true).setWithStd(true),
            new LogisticRegression().setFeaturesCol("scaled").setLabelCol(Labelling.LABEL).setWeightCol(WEIGHT)
                    // already standardised by the scaler, whose means and scales the bundle carries
                    .setStandardization(false).setMaxIter(100).setRegParam(1e-3)
        }).fit(train));
        ModelBundle.Builder bundle = phases.time("export lr", () -> ModelBundle.newBuilder()
                .setModelType(ModelType.LOGISTIC_REGRESSION)
                .setLogistic(ModelExport.logistic((StandardScalerModel) model.stages()[0],
                        (LogisticRegressionModel) model.stages()[1]))
                .setEnsemble(null));
        return phases.time("evaluate lr", () ->
                evaluated(ModelType.LOGISTIC_REGRESSION, "lr", model, bundle, test, windows, config, trainedAt));
    }

    private static Candidate forest(Dataset<Row> train, Dataset<Row> test, TrainingWindows windows,
            TrainingConfig config, Instant trainedAt, Phases phases) {
        RandomForestClassificationModel forest = phases.time("fit rf", () -> new RandomForestClassifier()
                .setLabelCol(Labelling.LABEL).setWeightCol(WEIGHT).setNumTrees(config.forestTrees())
                .setMaxDepth(config.treeDepth()).setSeed(config.seed()).fit(train));
        ModelBundle.Builder bundle = phases.time("export rf", () -> ModelBundle.newBuilder()
                .setModelType(ModelType.RANDOM_FOREST).setLogistic(null).setEnsemble(ModelExport.randomForest(forest)));
        return phases.time("evaluate rf", () ->
                evaluated(ModelType.RANDOM_FOREST, "rf", forest, bundle, test, windows, config, trainedAt));
    }

    private static Candidate boosted(Dataset<Row> train, Dataset<Row> test, TrainingWindows windows,
            TrainingConfig config, Instant trainedAt, Phases phases) {
        GBTClassificationModel gbt = phases.time("fit gbt", () -> new GBTClassifier().setLabelCol(Labelling.LABEL)
                .setWeightCol(WEIGHT).setMaxIter(config.boostingRounds()).setMaxDepth(config.treeDepth())
                .setSeed(config.seed()).fit(train));
        ModelBundle.Builder bundle = phases.time("export gbt", () -> ModelBundle.newBuilder()
                .setModelType(ModelType.GRADIENT_BOOSTED_TREES).setLogistic(null)
                .setEnsemble(ModelExport.gradientBoosted(gbt)));
        return phases.time("evaluate gbt", () ->
                evaluated(ModelType.GRADIENT_BOOSTED_TREES, "gbt", gbt, bundle, test, windows, config, trainedAt));
    }

    private static Candidate evaluated(ModelType type, String prefix, Transformer model, ModelBundle.Builder bundle,
            Dataset<Row> test, TrainingWindows windows, TrainingConfig config, Instant trainedAt) {
        Candidate unscored = new Candidate(type, model, Map.of(), null);
        List<Metrics.Scored> scored = scoredTestRows(unscored.score(test));
        Map<String, Double> metrics = measure(scored, config.precisionK());
        double[] scores = scored.stream().mapToDouble(Metrics.Scored::score).sorted().toArray();
        double reviewThreshold = topShareThreshold(scores, config.reviewShare());
        // the test window's score distribution: the reference live scores are compared with for drift
        metrics.put(MetricNames.REVIEW_SHARE, shareAtOrAbove(scores, reviewThreshold));
        metrics.put(MetricNames.SCORE_P50, quantile(scores, 0.5));
        metrics.put(MetricNames.SCORE_P95, quantile(scores, 0.95));
        ModelBundle portable = bundle
                .setBankId(Topics.ALL_BANKS)
                .setModelVersion(prefix + "-" + VERSION_TIME.format(trainedAt))
                .setFeatureSchema(FeatureFold.SCHEMA.id())
                .setFeatureNames(List.copyOf(FeatureFold.SCHEMA.names()))
                .setReviewThreshold(reviewThreshold)
                .setDeclineThreshold(topShareThreshold(scores, config.declineShare()))
                .setTrainedAt(trainedAt)
                .setTrainFromTime(windows.trainFrom())
                .setTrainToTime(windows.trainTo())
                .setTestFromTime(windows.testFrom())
                .setTestToTime(windows.testTo())
                .setMetrics(new LinkedHashMap<>(metrics))
                .build();
        return new Candidate(type, model, metrics, portable);
    }

    /** The test rows Spark scored, collected for the metrics (one small record per test transaction). */
    static List<Metrics.Scored> scoredTestRows(Dataset<Row> scoredTest) {
        List<Metrics.Scored> scored = new ArrayList<>();
        for (Row row : scoredTest.select("cardToken", "eventTime", SCORE, Labelling.LABEL).collectAsList()) {
            scored.add(new Metrics.Scored(row.getString(0), HistoryRows.utcDate(HistoryRows.instant(row.get(1))),
                    row.getDouble(2), row.getDouble(3) == 1.0));
        }
        return scored;
    }

    static Map<String, Double> measure(List<Metrics.Scored> scored, int k) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(MetricNames.AUC_ROC, Metrics.aucRoc(scored));
        metrics.put(MetricNames.AVERAGE_PRECISION, Metrics.averagePrecision(scored));
        metrics.put(MetricNames.cardPrecisionAt(k), Metrics.cardPrecisionAtK(scored, k));
        return metrics;
    }

    private static double shareAtOrAbove(double[] ascending, double threshold) {
        long above = java.util.Arrays.stream(ascending).filter(score -> score >= threshold).count();
        return ascending.length == 0 ? 0 : (double) above / ascending.length;
    }

    private static double quantile(double[] ascending, double q) {
        return ascending.length == 0 ? 0 : ascending[Math.min(ascending.length - 1, (int) Math.floor(q * ascending.length))];
    }

    /** The lowest score among the top {@code share} of test scores (ascending {@code scores}). */
    private static double topShareThreshold(double[] ascending, double share) {
        if (ascending.length == 0) {
            return 1.0;
        }
        int index = (int) Math.floor(ascending.length * (1 - share));
        return ascending[Math.min(Math.max(index, 0), ascending.length - 1)];
    }
}
