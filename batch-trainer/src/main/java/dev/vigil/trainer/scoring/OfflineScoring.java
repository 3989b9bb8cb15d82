package dev.vigil.trainer.scoring;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.vigil.events.ModelBundle;
import dev.vigil.features.FeatureVector;
import dev.vigil.features.Verdict;
import dev.vigil.features.model.ModelEvaluator;
import dev.vigil.features.rules.RulesConfig;
import dev.vigil.features.rules.RulesScorer;
import dev.vigil.trainer.archive.HistoryRows;
import dev.vigil.trainer.training.FeatureFold;
import dev.vigil.trainer.training.TrainingConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Archived transactions scored offline as the live scorer scored them with a published model in force:
 * the training fold's vectors ({@link FeatureFold}: the scorer's order, dedup and
 * {@code CardFeatures.next}, merchant risk as of each transaction's reference time) and {@code features}'
 * {@link Verdict#of} with the rules and the model, the scorer's two inputs to a score. A backtest compares
 * these scores with the scorer's {@code transaction-scores}.
 */
public final class OfflineScoring {

    static final List<String> HEADER =
            List.of("transactionId", "cardToken", "eventTime", "score", "modelScore", "decision");

    /** One transaction's verdict: {@code score} is the scorer's (rules and model), {@code modelScore} the model's alone. */
    public record Scored(
            String transactionId,
            String cardToken,
            Instant eventTime,
            double score,
            double modelScore,
            String decision) {
        List<Object> csvRow() {
            return List.of(transactionId, cardToken, eventTime, score, modelScore, decision);
        }
    }

    private OfflineScoring() {}

    /**
     * The transactions with event time in {@code [from, to)}, each folded after the whole history before it in
     * topic order (as the scorer had read it), scored with the model published for its bank (its own scope,
     * else {@code *}) among {@code published} and the rules of {@code rules}.
     *
     * @param published the published bundles of one version by scope, as read from {@code fraud-models}
     */
    public static List<Scored> score(
            Dataset<Row> transactions,
            Dataset<Row> labels,
            TrainingConfig config,
            Map<String, ModelBundle> published,
            RulesConfig rules,
            Instant from,
            Instant to) {
        ScoringContext models = new ScoringContext(published, Map.of());
        RulesScorer rulesScorer = new RulesScorer(rules);
        List<Scored> scored = new ArrayList<>();
        Dataset<Row> vectors = FeatureFold.vectors(transactions, labels, config.merchantRisk(), config.dedupRetention())
                .where(col("eventTime").geq(lit(from)).and(col("eventTime").lt(lit(to))));
        for (Row row : vectors.select("transactionId", "bankId", "cardToken", "eventTime", "features")
                .orderBy("eventTime", "transactionId")
                .collectAsList()) {
            double[] x = ((Vector) row.get(4)).toArray();
            ModelEvaluator model = models.model(row.getString(1));
            Verdict verdict = Verdict.of(rulesScorer.score(new FeatureVector(FeatureFold.SCHEMA, x)), model, x);
            scored.add(new Scored(
                    row.getString(0),
                    row.getString(2),
                    HistoryRows.instant(row.get(3)),
                    verdict.score(),
                    model == null ? Double.NaN : model.score(x),
                    verdict.decision().name()));
        }
        return scored;
    }
}
