package dev.vigil.trainer.gate;

import dev.vigil.events.ModelBundle;
import dev.vigil.events.ModelType;
import dev.vigil.trainer.Publisher;
import dev.vigil.trainer.training.Evaluation;
import dev.vigil.trainer.training.Training;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.RandomForestClassificationModel;
import org.apache.spark.ml.util.MLWritable;

/**
 * Publishes a run's best candidate (its final fit) only when its evaluated fit meets the
 * {@link GatePolicy} on the evaluation window (size, recall over the rules, alert budget) and its
 * average precision there beats the champion's, measured on the same window and test set, by at least
 * {@code margin}. Every candidate is recorded.
 *
 * <p>The champion is re-scored by its saved Spark model, whose scores equal its portable bundle's.
 * A champion trained on another feature schema cannot be scored on these vectors, so it does not
 * block a candidate.
 */
public final class Gate {

    /**
     * What the gate did: the best candidate's evidence, the policy condition it failed (if any), the
     * champion's average precision on this window (when it could be scored) and the decisions.
     */
    public record Outcome(
            Training.Candidate best,
            boolean published,
            GateEvidence evidence,
            Optional<String> refusal,
            Optional<Double> championAveragePrecision,
            List<ModelVersions.Decision> decisions) {}

    private final ModelVersions versions;
    private final Path modelsDir;
    private final double margin;
    private final GatePolicy policy;

    public Gate(ModelVersions versions, Path modelsDir, double margin, GatePolicy policy) {
        this.versions = versions;
        this.modelsDir = modelsDir;
        this.margin = margin;
        this.policy = policy;
    }

    public Outcome decide(Training.Result result, Publisher<String, ModelBundle> publisher) {
        Training.Candidate best = result.best();
        String bestVersion = best.bundle().getModelVersion();
        GateEvidence evidence = GateEvidence.of(
                result.evaluation()
                        .gateRows(result.testScores().stream()
                                .filter(s -> s.candidate().equals(bestVersion))
                                .toList()),
                best.evaluatedReview(),
                policy.alertBudget());
        Optional<String> refusal = policy.refusal(evidence);
        Optional<Double> championAp = versions.champion(best.bundle().getBankId())
                .filter(champion ->
                        champion.featureSchema().equals(best.bundle().getFeatureSchema()))
                .filter(champion -> champion.sparkModelPath() != null)
                .map(champion -> averagePrecisionOf(champion, result));
        boolean wins = refusal.isEmpty()
                && championAp.map(ap -> best.averagePrecision() > ap + margin).orElse(true);
        String bestPath = save(best);
        if (wins) {
            publisher.sendAndWait(best.bundle().getBankId(), best.bundle());
        }
        List<ModelVersions.Decision> decisions = new ArrayList<>();
        for (Training.Candidate candidate : result.candidates()) {
            ModelVersions.Status status = candidate == best
                    ? (wins ? ModelVersions.Status.CHAMPION : ModelVersions.Status.REJECTED)
                    : (wins ? ModelVersions.Status.CHALLENGER : ModelVersions.Status.REJECTED);
            decisions.add(new ModelVersions.Decision(
                    candidate.bundle(), status, championAp.orElse(null), candidate == best ? bestPath : null));
        }
        versions.record(decisions);
        return new Outcome(best, wins, evidence, refusal, championAp, List.copyOf(decisions));
    }

    private double averagePrecisionOf(ModelVersions.Champion champion, Training.Result result) {
        Transformer model = load(ModelType.valueOf(champion.modelType()), champion.sparkModelPath());
        Evaluation evaluation = result.evaluation();
        return evaluation
                .measure(evaluation.scores(champion.version(), Training.scored(model, evaluation.testSet())))
                .get(Training.MetricNames.AVERAGE_PRECISION);
    }

    private String save(Training.Candidate candidate) {
        String path = modelsDir
                .resolve(candidate.bundle().getModelVersion())
                .toAbsolutePath()
                .toString();
        try {
            ((MLWritable) candidate.model()).write().overwrite().save(path);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot save model " + candidate.bundle().getModelVersion(), e);
        }
        return path;
    }

    private static Transformer load(ModelType type, String path) {
        return switch (type) {
            case LOGISTIC_REGRESSION -> PipelineModel.load(path);
            case RANDOM_FOREST -> RandomForestClassificationModel.load(path);
            case GRADIENT_BOOSTED_TREES -> GBTClassificationModel.load(path);
            case UNKNOWN -> throw new IllegalStateException("champion of unknown type at " + path);
        };
    }
}
