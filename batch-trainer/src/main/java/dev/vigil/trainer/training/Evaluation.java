package dev.vigil.trainer.training;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;

import dev.vigil.events.Decision;
import dev.vigil.features.FeatureVector;
import dev.vigil.features.quality.Metrics;
import dev.vigil.features.rules.RulesConfig;
import dev.vigil.features.rules.RulesScorer;
import dev.vigil.trainer.archive.HistoryRows;
import dev.vigil.trainer.gate.GateEvidence;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The evaluation window as the published protocol measures it: its labelled transactions, and per
 * card when its first fraud became known, so that {@link Metrics#withoutKnownCompromised} drops the
 * cards an investigator already knew about. Every candidate and the champion are measured here by
 * {@link #measure}, with one definition.
 */
public final class Evaluation {

    private static final RulesScorer RULES = new RulesScorer(RulesConfig.DEFAULTS);

    /** One evaluation transaction scored by one candidate: a row of the scores CSV. */
    public record TestScore(
            String candidate,
            String transactionId,
            String cardToken,
            Instant eventTime,
            boolean fraud,
            double score,
            boolean knownCompromised) {
        Metrics.Scored scored() {
            return new Metrics.Scored(cardToken, HistoryRows.utcDate(eventTime), score, fraud);
        }
    }

    /** Rows and labelled frauds: all of the window's, and those kept once known-compromised cards are dropped. */
    public record Counts(long rows, long frauds, long keptRows, long keptFrauds) {}

    private final Dataset<Row> testSet;
    private final Map<String, Instant> fraudKnownSince;
    private final int k;
    private Set<String> rulesAlerted;

    Evaluation(Dataset<Row> testSet, Map<String, Instant> fraudKnownSince, int k) {
        this.testSet = testSet;
        this.fraudKnownSince = Map.copyOf(fraudKnownSince);
        this.k = k;
    }

    /**
     * Per card token, the arrival of its earliest FRAUD label among those known by {@code knownBy}, of
     * transactions at or after {@code from} (a label without its transaction's time counts): the Handbook
     * counts the frauds from the start of the training window on, not those of all history. A label
     * names its card, so no join to the transactions is needed.
     */
    static Map<String, Instant> fraudKnownSince(Dataset<Row> labels, Instant from, Instant knownBy) {
        Map<String, Instant> since = new HashMap<>();
        for (Row row : labels.where(col("label")
                        .equalTo("FRAUD")
                        .and(col("labelledAt").leq(lit(knownBy)))
                        .and(col("transactionTime")
                                .isNull()
                                .or(col("transactionTime").geq(lit(from)))))
                .groupBy("cardToken")
                .agg(min("labelledAt"))
                .collectAsList()) {
            since.put(row.getString(0), HistoryRows.instant(row.get(1)));
        }
        return since;
    }

    /** The window's labelled feature rows ({@link Labelling#labelled}), to be scored. */
    public Dataset<Row> testSet() {
        return testSet;
    }

    Counts counts() {
        long rows = 0;
        long frauds = 0;
        long keptRows = 0;
        long keptFrauds = 0;
        for (Row row : testSet.select("cardToken", "eventTime", Labelling.LABEL).collectAsList()) {
            boolean fraud = row.getDouble(2) == 1.0;
            boolean kept = !Metrics.knownCompromised(
                    row.getString(0), HistoryRows.utcDate(HistoryRows.instant(row.get(1))), fraudKnownSince);
            rows++;
            frauds += fraud ? 1 : 0;
            keptRows += kept ? 1 : 0;
            keptFrauds += kept && fraud ? 1 : 0;
        }
        return new Counts(rows, frauds, keptRows, keptFrauds);
    }

    /** The window's rows as {@code candidate} scored them ({@code scored}: the test set with a {@code score} column). */
    public List<TestScore> scores(String candidate, Dataset<Row> scored) {
        List<TestScore> scores = new ArrayList<>();
        for (Row row : scored.select("transactionId", "cardToken", "eventTime", Labelling.LABEL, Training.SCORE)
                .collectAsList()) {
            Instant eventTime = HistoryRows.instant(row.get(2));
            scores.add(new TestScore(
                    candidate,
                    row.getString(0),
                    row.getString(1),
                    eventTime,
                    row.getDouble(3) == 1.0,
                    row.getDouble(4),
                    Metrics.knownCompromised(row.getString(1), HistoryRows.utcDate(eventTime), fraudKnownSince)));
        }
        return scores;
    }

    /**
     * AUC ROC, average precision and card precision at k on the published test set (known-compromised
     * cards dropped); beside them, on every row, the former card measure under its own name.
     */
    public Map<String, Double> measure(List<TestScore> scores) {
        List<Metrics.Scored> all = scores.stream().map(TestScore::scored).toList();
        List<Metrics.Scored> published = Metrics.withoutKnownCompromised(all, fraudKnownSince);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(Training.MetricNames.AUC_ROC, Metrics.aucRoc(published));
        metrics.put(Training.MetricNames.AVERAGE_PRECISION, Metrics.averagePrecision(published));
        metrics.put(Training.MetricNames.cardPrecisionAt(k), Metrics.cardPrecisionAtK(published, k));
        metrics.put(Training.MetricNames.topCardFraudShareAt(k), Metrics.topCardFraudShareAtK(all, k));
        return metrics;
    }

    /**
     * The ids of the window's transactions the default rules alone alert on ({@link RulesConfig#DEFAULTS},
     * the definition the scorer starts from): what a candidate must beat, and what shares its alert budget.
     */
    Set<String> rulesAlerted() {
        if (rulesAlerted == null) {
            Set<String> alerted = new HashSet<>();
            for (Row row : testSet.select("transactionId", "features").collectAsList()) {
                if (rulesAlert((Vector) row.get(1))) {
                    alerted.add(row.getString(0));
                }
            }
            rulesAlerted = Set.copyOf(alerted);
        }
        return rulesAlerted;
    }

    /** Whether the default rules alone ({@link RulesConfig#DEFAULTS}) alert on a fold's feature vector. */
    static boolean rulesAlert(Vector features) {
        return RULES.score(new FeatureVector(FeatureFold.SCHEMA, features.toArray()))
                        .decision()
                != Decision.APPROVE;
    }

    /** {@code scores} (one candidate's) as the gate judges them. */
    public List<GateEvidence.Scored> gateRows(List<TestScore> scores) {
        Set<String> alerted = rulesAlerted();
        return scores.stream()
                .map(s -> new GateEvidence.Scored(
                        s.eventTime(), s.fraud(), s.score(), alerted.contains(s.transactionId())))
                .toList();
    }

    void release() {
        testSet.unpersist();
    }
}
