package dev.vigil.trainer.training;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rand;
import static org.apache.spark.sql.functions.when;

import dev.vigil.events.ModelBundle;
import dev.vigil.events.ModelType;
import dev.vigil.schemas.Topics;
import dev.vigil.trainer.Phases;
import dev.vigil.trainer.archive.HistoryRows;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.functions;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The training pipeline as a function: history in, evaluated candidates and the fit to publish out.
 * Features come from {@link FeatureFold} (with merchant risk as of each transaction), labels from
 * {@link Labelling} with their arrival time respected. Every setting of the {@link Grid} is fitted and
 * validated on time-ordered folds ({@link ModelSelection}), fold 0 being the evaluation training and
 * evaluation windows ({@link TrainingWindows}); each learner's best setting by mean average precision is
 * a candidate, measured on the evaluation window; the best candidate is then fitted once more, with the
 * same parameters, on the final training window: that fit is what the gate may publish.
 */
public final class Training {

    static final String WEIGHT = "weight";
    static final String SCORE = "score";
    private static final DateTimeFormatter VERSION_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /**
     * One trained model: how Spark scores it, what it measured on the evaluation window, and its portable form.
     *
     * @param evaluatedReview the review threshold set on the evaluated fit's scores of the evaluation window, at
     *                        which the gate measures the alert rate there; an evaluated candidate's bundle carries
     *                        it, the final fit's bundle its own ({@link #finalFit})
     * @param thresholdsFrom  the window whose scores set the bundle's thresholds
     */
    public record Candidate(
            ModelType type,
            Transformer model,
            Map<String, Double> metrics,
            ModelBundle bundle,
            double evaluatedReview,
            TrainingWindows.Window thresholdsFrom) {
        public double averagePrecision() {
            return metrics.get(MetricNames.AVERAGE_PRECISION);
        }

        /** Mean average precision of the candidate's setting over the selection's folds. */
        double validationAveragePrecision() {
            return metrics.getOrDefault(MetricNames.VALIDATION_AVERAGE_PRECISION, averagePrecision());
        }

        /** {@code rows} with a {@code score} column: Spark's fraud probability. */
        public Dataset<Row> score(Dataset<Row> rows) {
            return scored(model, rows);
        }

        /** The {@code n} features the model leans on most, by {@link Learner#importances}, most first. */
        public List<Map.Entry<String, Double>> topFeatures(int n) {
            double[] importances = Learner.of(type).importances(model);
            List<String> names = FeatureFold.SCHEMA.names();
            return java.util.stream.IntStream.range(0, importances.length)
                    .mapToObj(i -> Map.entry(names.get(i), importances[i]))
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .limit(n)
                    .toList();
        }
    }

    /**
     * Transactions and labelled frauds a training window's fit used: every fraud and {@code genuineSample}
     * of its genuine transactions.
     */
    public record Labelled(long rows, long frauds, double genuineSample) {
        /** When genuine transactions were sampled, the share kept ({@code "; genuine sampled at 20%"}); else empty. */
        String sampled() {
            return genuineSample >= 1
                    ? ""
                    : String.format(Locale.ROOT, "; genuine sampled at %.0f%%", 100 * genuineSample);
        }
    }

    /**
     * What a run produced: its windows and what each held, every candidate (the first, the best by
     * average precision on the evaluation window, as its final fit; the others as evaluated), the
     * evaluation window and every evaluated candidate's score of each of its transactions.
     */
    public record Result(
            TrainingWindows windows,
            Labelled evaluationTrain,
            Evaluation.Counts evaluationCounts,
            Labelled finalTrain,
            List<Candidate> candidates,
            Evaluation evaluation,
            List<Evaluation.TestScore> testScores,
            Selection selection) {
        public Candidate best() {
            return candidates.get(0);
        }
    }

    /**
     * How the published setting was chosen: the folds' validation windows (newest first; older folds
     * without enough labelled frauds are left out), every setting's average precision per fold, the choice.
     */
    record Selection(
            List<TrainingWindows.Window> validations, List<ModelSelection.Trial> trials, Grid.Setting chosen) {}

    /** Metric names, as recorded in bundles, reports and the model_versions table. */
    public static final class MetricNames {
        public static final String AUC_ROC = "auc_roc";
        public static final String AVERAGE_PRECISION = "average_precision";
        /** Mean average precision of the candidate's setting over the prequential folds ({@link ModelSelection}). */
        static final String VALIDATION_AVERAGE_PRECISION = "validation_average_precision";

        /**
         * The drift reference the scorer exposes and the alert rules and dashboards compare live traffic with:
         * the published model's review share and score percentiles on its own scores of the freshest window
         * ({@link TrainingWindows#freshest}), where its thresholds were set. Named when they described the
         * test window; the names stay, as published bundles and the rules carry them.
         */
        static final String REVIEW_SHARE = "test_review_share";

        static final String SCORE_P50 = "test_score_p50";
        static final String SCORE_P95 = "test_score_p95";

        /** The published card precision at k (the test set without known-compromised cards). */
        static String cardPrecisionAt(int k) {
            return "card_precision_at_" + k;
        }

        /** Not the published measure: every card kept, divided by min(k, cards). */
        static String topCardFraudShareAt(int k) {
            return "top_card_fraud_share_at_" + k;
        }

        private MetricNames() {}
    }

    private Training() {}

    public static Result train(
            Dataset<Row> transactions,
            Dataset<Row> labels,
            TrainingWindows windows,
            TrainingConfig config,
            Instant trainedAt) {
        return train(transactions, labels, windows, config, trainedAt, new Phases());
    }

    /**
     * As above, timing each phase into {@code phases}: {@code features} (the fold), {@code labels}
     * (the label joins and counts), then {@code fit}, {@code export} and {@code evaluate} per learner,
     * and {@code final fit}.
     *
     * @throws NotEnoughLabels when a window holds fewer than {@code config.minFrauds()} labelled frauds
     *                         (the evaluation window once known-compromised cards are dropped), or no
     *                         genuine transaction; nothing is fitted then
     */
    public static Result train(
            Dataset<Row> transactions,
            Dataset<Row> labels,
            TrainingWindows windows,
            TrainingConfig config,
            Instant trainedAt,
            Phases phases) {
        // the fold's merchant-risk tables are computed as it is built: timed with it
        Dataset<Row> vectors = phases.time("features", () -> {
            Dataset<Row> folded = FeatureFold.vectors(
                            transactions.where(col("eventTime").lt(lit(windows.end()))),
                            labels,
                            config.merchantRisk(),
                            config.dedupRetention())
                    .cache();
            folded.count();
            return folded;
        });
        Dataset<Row> evaluationTrainSet = sampled(labelled(vectors, labels, windows.evaluationTrain()), config);
        Dataset<Row> finalTrainSet = sampled(labelled(vectors, labels, windows.finalTrain()), config);
        Evaluation evaluation = new Evaluation(
                labelled(vectors, labels, windows.evaluation()).cache(),
                Evaluation.fraudKnownSince(
                        labels,
                        windows.evaluationTrain().from(),
                        windows.evaluation().labelsKnownBy()),
                config.precisionK());
        Labelled evaluationTrain = phases.time("labels", () -> counted(evaluationTrainSet, config));
        Labelled finalTrain = phases.time("labels", () -> counted(finalTrainSet, config));
        Evaluation.Counts evaluationCounts = phases.time("labels", evaluation::counts);
        requireEnoughLabels(windows, config, evaluationTrain, evaluationCounts, finalTrain, () -> {
            vectors.unpersist();
            evaluation.release();
        });

        List<ModelSelection.Fold> folds = new ArrayList<>();
        folds.add(new ModelSelection.Fold(0, windows, evaluationTrainSet.cache(), evaluationTrain, evaluation));
        for (int k = 1; k < config.folds(); k++) {
            earlierFold(k, windows, vectors, labels, config, phases).ifPresent(folds::add);
        }
        ModelSelection.Outcome selection = ModelSelection.select(
                config.grid(), folds, config.seed(), learner -> version(learner, trainedAt), phases);
        for (ModelSelection.Fold fold : folds) {
            fold.train().unpersist();
            if (fold.index() > 0) {
                fold.evaluation().release();
            }
        }
        List<Candidate> candidates = new ArrayList<>();
        List<Evaluation.TestScore> testScores = new ArrayList<>();
        for (ModelSelection.Best best : selection.best().values()) {
            candidates.add(candidate(best, evaluation, windows, config, trainedAt, phases));
            testScores.addAll(best.scores());
        }
        candidates.sort(Comparator.comparingDouble(Candidate::validationAveragePrecision)
                .reversed());
        Grid.Setting chosen = selection
                .best()
                .get(Learner.of(candidates.get(0).type()))
                .trial()
                .setting();
        candidates.set(
                0, finalFit(candidates.get(0), chosen, finalTrainSet, vectors, finalTrain, windows, config, phases));
        vectors.unpersist();
        return new Result(
                windows,
                evaluationTrain,
                evaluationCounts,
                finalTrain,
                List.copyOf(candidates),
                evaluation,
                List.copyOf(testScores),
                new Selection(folds.stream().map(f -> f.windows().evaluation()).toList(), selection.trials(), chosen));
    }

    /** A candidate's model version: its learner's prefix and the run's time ({@code rf-20261206T053949Z}). */
    private static String version(Learner learner, Instant trainedAt) {
        return learner.prefix() + "-" + VERSION_TIME.format(trainedAt);
    }

    /**
     * Fold {@code k}: the run's windows moved {@code k} test windows back, labels as known then; empty when
     * its training or evaluation window holds fewer than the minimum of labelled frauds.
     */
    private static Optional<ModelSelection.Fold> earlierFold(
            int k,
            TrainingWindows windows,
            Dataset<Row> vectors,
            Dataset<Row> labels,
            TrainingConfig config,
            Phases phases) {
        TrainingWindows earlier = windows.earlier(config.test().multipliedBy(k));
        Dataset<Row> train = sampled(labelled(vectors, labels, earlier.evaluationTrain()), config)
                .cache();
        Evaluation evaluation = new Evaluation(
                labelled(vectors, labels, earlier.evaluation()).cache(),
                Evaluation.fraudKnownSince(
                        labels,
                        earlier.evaluationTrain().from(),
                        earlier.evaluation().labelsKnownBy()),
                config.precisionK());
        Labelled trainCounts = phases.time("labels", () -> counted(train, config));
        Evaluation.Counts counts = phases.time("labels", evaluation::counts);
        long needed = Math.max(1, config.minFrauds());
        if (enough(trainCounts.frauds(), trainCounts.rows(), needed)
                && enough(counts.keptFrauds(), counts.keptRows(), needed)) {
            return Optional.of(new ModelSelection.Fold(k, earlier, train, trainCounts, evaluation));
        }
        train.unpersist();
        evaluation.release();
        return Optional.empty();
    }

    /** {@code rows} with a {@code score} column: {@code model}'s fraud probability. */
    public static Dataset<Row> scored(Transformer model, Dataset<Row> rows) {
        return model.transform(rows)
                .withColumn(
                        SCORE,
                        functions.vector_to_array(col("probability"), "float64").getItem(1));
    }

    private static Dataset<Row> labelled(Dataset<Row> vectors, Dataset<Row> labels, TrainingWindows.Window window) {
        return Labelling.labelled(within(vectors, window), labels, window.labelsKnownBy());
    }

    /** The rows whose event time is in the window. */
    private static Dataset<Row> within(Dataset<Row> vectors, TrainingWindows.Window window) {
        return vectors.where(
                col("eventTime").geq(lit(window.from())).and(col("eventTime").lt(lit(window.to()))));
    }

    /**
     * Every labelled fraud and {@code config.genuineSample()} of the genuine rows, drawn with the run's seed:
     * fitting time falls with the rows while the frauds, the scarce class, are all kept. The class weights
     * are computed on what is kept, so the two classes still weigh the same.
     */
    private static Dataset<Row> sampled(Dataset<Row> set, TrainingConfig config) {
        return config.genuineSample() >= 1
                ? set
                : set.where(
                        col(Labelling.LABEL).equalTo(1.0).or(rand(config.seed()).lt(config.genuineSample())));
    }

    private static Labelled counted(Dataset<Row> set, TrainingConfig config) {
        return new Labelled(
                set.count(), set.where(col(Labelling.LABEL).equalTo(1.0)).count(), config.genuineSample());
    }

    /**
     * {@code set} with a {@code weight} column: a fraud weighs (genuine / frauds) to the power
     * {@code exponent}, a genuine transaction 1; exponent 1 balances the classes (all frauds together
     * weigh as much as all genuine transactions), 0 leaves them unweighted.
     */
    static Dataset<Row> weighted(Dataset<Row> set, Labelled counts, double exponent) {
        double fraudWeight = Math.pow((double) (counts.rows() - counts.frauds()) / counts.frauds(), exponent);
        return set.withColumn(
                WEIGHT, when(col(Labelling.LABEL).equalTo(1.0), fraudWeight).otherwise(1.0));
    }

    private static void requireEnoughLabels(
            TrainingWindows windows,
            TrainingConfig config,
            Labelled evaluationTrain,
            Evaluation.Counts evaluation,
            Labelled finalTrain,
            Runnable release) {
        long needed = Math.max(1, config.minFrauds());
        if (enough(evaluationTrain.frauds(), evaluationTrain.rows(), needed)
                && enough(evaluation.keptFrauds(), evaluation.keptRows(), needed)
                && enough(finalTrain.frauds(), finalTrain.rows(), needed)) {
            return;
        }
        release.run();
        throw new NotEnoughLabels(String.format(
                Locale.ROOT,
                "too little labelled history: the evaluation training window %s has %d frauds in %d transactions, "
                        + "the evaluation window %s has %d frauds in %d once cards known to be compromised are left out "
                        + "(%d in %d in all), the final training window %s has %d frauds in %d; each needs at least %d "
                        + "frauds and some genuine transactions (--min-frauds)",
                windows.evaluationTrain(),
                evaluationTrain.frauds(),
                evaluationTrain.rows(),
                windows.evaluation(),
                evaluation.keptFrauds(),
                evaluation.keptRows(),
                evaluation.frauds(),
                evaluation.rows(),
                windows.finalTrain(),
                finalTrain.frauds(),
                finalTrain.rows(),
                needed));
    }

    private static boolean enough(long frauds, long rows, long needed) {
        return frauds >= needed && frauds < rows;
    }

    /**
     * A learner's best setting as a candidate: its fit on the evaluation training window, measured on
     * the evaluation window, with thresholds from those scores and the setting's mean validation average
     * precision among its metrics.
     */
    private static Candidate candidate(
            ModelSelection.Best best,
            Evaluation evaluation,
            TrainingWindows windows,
            TrainingConfig config,
            Instant trainedAt,
            Phases phases) {
        Learner learner = best.trial().setting().learner();
        String p = learner.prefix();
        Transformer model = best.model();
        ModelBundle.Builder exported = phases.time("export " + p, () -> learner.export(model));
        return phases.time("evaluate " + p, () -> {
            String version = version(learner, trainedAt);
            List<Evaluation.TestScore> scores = best.scores();
            Map<String, Double> metrics = evaluation.measure(scores);
            metrics.put(MetricNames.VALIDATION_AVERAGE_PRECISION, best.trial().mean());
            Set<String> rulesAlerted = evaluation.rulesAlerted();
            double[] byRow = new double[scores.size()];
            boolean[] rulesAlert = new boolean[byRow.length];
            long[] days = new long[byRow.length];
            for (int i = 0; i < byRow.length; i++) {
                Evaluation.TestScore score = scores.get(i);
                byRow[i] = score.score();
                rulesAlert[i] = rulesAlerted.contains(score.transactionId());
                days[i] = HistoryRows.utcDate(score.eventTime()).toEpochDay();
            }
            AlertThresholds.Chosen thresholds = thresholds(byRow, rulesAlert, days, metrics, config);
            ModelBundle bundle = exported.setBankId(Topics.ALL_BANKS)
                    .setModelVersion(version)
                    .setFeatureSchema(FeatureFold.SCHEMA.id())
                    .setFeatureNames(List.copyOf(FeatureFold.SCHEMA.names()))
                    .setReviewThreshold(thresholds.review())
                    .setDeclineThreshold(thresholds.decline())
                    .setTrainedAt(trainedAt)
                    .setTrainFromTime(windows.evaluationTrain().from())
                    .setTrainToTime(windows.evaluationTrain().to())
                    .setTestFromTime(windows.evaluation().from())
                    .setTestToTime(windows.evaluation().to())
                    .setMetrics(new LinkedHashMap<>(metrics))
                    .build();
            return new Candidate(learner.type(), model, metrics, bundle, thresholds.review(), windows.evaluation());
        });
    }

    /**
     * The chosen learner fitted again on the final training window. Its bundle keeps the evaluated fit's
     * version and metrics (measured out of sample on the evaluation window, by the same learner with the same
     * parameters; the final fit has no later labelled window to be measured on), but not its thresholds: a fit
     * on other rows scores on another scale, so the final fit's are set on its own scores of the freshest window
     * ({@link TrainingWindows#freshest}: rows it has not seen, the nearest the live traffic; an alert rate needs
     * no labels), with the score distribution the scorer compares live scores with. Without such rows, the
     * evaluated fit's thresholds stay.
     */
    private static Candidate finalFit(
            Candidate evaluated,
            Grid.Setting setting,
            Dataset<Row> finalTrainSet,
            Dataset<Row> vectors,
            Labelled counts,
            TrainingWindows windows,
            TrainingConfig config,
            Phases phases) {
        Learner learner = setting.learner();
        Dataset<Row> weighted =
                weighted(finalTrainSet, counts, setting.weight()).cache();
        Transformer model =
                phases.time("final fit " + learner.prefix(), () -> learner.fit(weighted, setting, config.seed()));
        weighted.unpersist();
        ModelBundle evaluatedBundle = evaluated.bundle();
        Map<String, Double> metrics = new LinkedHashMap<>(evaluated.metrics());
        double review = evaluatedBundle.getReviewThreshold();
        double decline = evaluatedBundle.getDeclineThreshold();
        TrainingWindows.Window thresholdsFrom = evaluated.thresholdsFrom();
        Optional<TrainingWindows.Window> freshest = windows.freshest();
        Optional<AlertThresholds.Chosen> fresh = freshest.flatMap(window -> phases.time(
                "thresholds " + learner.prefix(), () -> freshThresholds(model, vectors, window, metrics, config)));
        if (fresh.isPresent()) {
            review = fresh.get().review();
            decline = fresh.get().decline();
            thresholdsFrom = freshest.get();
        }
        ModelBundle bundle = learner.export(model)
                .setBankId(evaluatedBundle.getBankId())
                .setModelVersion(evaluatedBundle.getModelVersion())
                .setFeatureSchema(evaluatedBundle.getFeatureSchema())
                .setFeatureNames(evaluatedBundle.getFeatureNames())
                .setReviewThreshold(review)
                .setDeclineThreshold(decline)
                .setTrainedAt(evaluatedBundle.getTrainedAt())
                .setTrainFromTime(windows.finalTrain().from())
                .setTrainToTime(windows.finalTrain().to())
                .setTestFromTime(evaluatedBundle.getTestFromTime())
                .setTestToTime(evaluatedBundle.getTestToTime())
                .setMetrics(new LinkedHashMap<>(metrics))
                .build();
        return new Candidate(evaluated.type(), model, metrics, bundle, evaluated.evaluatedReview(), thresholdsFrom);
    }

    /**
     * {@link AlertThresholds#of} on {@code model}'s scores of the {@code freshest} rows of {@code vectors}, with the
     * rules' alerts beside them; the distribution's metrics into {@code metrics}. Empty when the window holds no row.
     */
    private static Optional<AlertThresholds.Chosen> freshThresholds(
            Transformer model,
            Dataset<Row> vectors,
            TrainingWindows.Window freshest,
            Map<String, Double> metrics,
            TrainingConfig config) {
        List<Row> rows = scored(model, within(vectors, freshest))
                .select("eventTime", SCORE, "features")
                .collectAsList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        double[] scores = new double[rows.size()];
        boolean[] rulesAlert = new boolean[scores.length];
        long[] days = new long[scores.length];
        for (int i = 0; i < scores.length; i++) {
            Row row = rows.get(i);
            scores[i] = row.getDouble(1);
            rulesAlert[i] = Evaluation.rulesAlert((Vector) row.get(2));
            days[i] = HistoryRows.utcDate(HistoryRows.instant(row.get(0))).toEpochDay();
        }
        return Optional.of(thresholds(scores, rulesAlert, days, metrics, config));
    }

    /** {@link AlertThresholds#of} with the config's budget and decline share; the scores' distribution into {@code metrics}. */
    private static AlertThresholds.Chosen thresholds(
            double[] scores, boolean[] rulesAlert, long[] days, Map<String, Double> metrics, TrainingConfig config) {
        AlertThresholds.Chosen chosen =
                AlertThresholds.of(scores, rulesAlert, days, config.reviewShare(), config.declineShare());
        metrics.put(MetricNames.REVIEW_SHARE, chosen.reviewShare());
        metrics.put(MetricNames.SCORE_P50, chosen.p50());
        metrics.put(MetricNames.SCORE_P95, chosen.p95());
        return chosen;
    }
}
