package dev.vigil.trainer.training;

import dev.vigil.trainer.Phases;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Prequential model selection: every setting of the {@link Grid} is fitted on each fold's training
 * window and validated on the fold's evaluation window. Fold 0 is the run's own evaluation window;
 * fold k is the whole arrangement moved k test windows back in time, with its own delay period and
 * the labels as known at its own reference time, as if the run had happened then. Never a random
 * split: a model is always validated on transactions after those it learnt from. Settings are ranked
 * by their mean average precision over the folds (the published test set: known-compromised cards
 * left out); a fold too old to hold enough labelled frauds is left out and named.
 */
final class ModelSelection {

    /** One fold: the transactions fitted on (labelled, class counts) and the window validated on. */
    record Fold(
            int index,
            TrainingWindows windows,
            Dataset<Row> train,
            Training.Labelled trainCounts,
            Evaluation evaluation) {}

    /** One setting's validation: average precision per fold used (fold 0 first) and their mean. */
    record Trial(Grid.Setting setting, List<Double> averagePrecisions) {
        double mean() {
            return averagePrecisions.stream()
                    .mapToDouble(Double::doubleValue)
                    .average()
                    .orElse(0);
        }
    }

    /** The best setting of one learner, with its fit on fold 0's training window and that fit's fold-0 scores. */
    record Best(Trial trial, Transformer model, List<Evaluation.TestScore> scores) {}

    /** Every trial in grid order, and per learner its best. */
    public record Outcome(List<Trial> trials, Map<Learner, Best> best) {}

    private ModelSelection() {}

    /**
     * Fits every setting on every fold ({@code folds} newest first, fold 0 the run's evaluation) and keeps,
     * per learner, the setting with the highest mean average precision (the earlier in the grid on a tie).
     *
     * @param version names the candidate in the fold-0 scores, per learner
     */
    static Outcome select(Grid grid, List<Fold> folds, long seed, Function<Learner, String> version, Phases phases) {
        List<Trial> trials = new ArrayList<>();
        Map<Learner, Best> best = new EnumMap<>(Learner.class);
        for (Grid.Setting setting : grid.settings()) {
            Learner learner = setting.learner();
            String p = learner.prefix();
            List<Double> averagePrecisions = new ArrayList<>();
            Transformer newest = null;
            List<Evaluation.TestScore> newestScores = List.of();
            for (Fold fold : folds) {
                Dataset<Row> weighted = Training.weighted(fold.train(), fold.trainCounts(), setting.weight());
                Transformer model = phases.time("fit " + p, () -> learner.fit(weighted, setting, seed));
                List<Evaluation.TestScore> scores = phases.time("evaluate " + p, () -> fold.evaluation()
                        .scores(
                                version.apply(learner),
                                Training.scored(model, fold.evaluation().testSet())));
                averagePrecisions.add(fold.evaluation().measure(scores).get(Training.MetricNames.AVERAGE_PRECISION));
                if (fold.index() == 0) {
                    newest = model;
                    newestScores = scores;
                }
            }
            Trial trial = new Trial(setting, List.copyOf(averagePrecisions));
            trials.add(trial);
            Best sofar = best.get(learner);
            if (sofar == null || trial.mean() > sofar.trial().mean()) {
                best.put(learner, new Best(trial, newest, newestScores));
            }
        }
        return new Outcome(List.copyOf(trials), best);
    }
}
