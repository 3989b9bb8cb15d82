package dev.vigil.features;

import dev.vigil.events.Decision;
import dev.vigil.events.Reason;
import dev.vigil.events.Transaction;
import dev.vigil.events.TransactionScore;
import dev.vigil.features.model.ModelEvaluator;
import dev.vigil.features.model.ModelReason;
import dev.vigil.features.rules.RiskScore;
import dev.vigil.features.rules.RuleReason;
import dev.vigil.features.rules.RulesScorer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One decision for a transaction from the rules and, when one is in force, the model. Every
 * engine that scores transactions (the Kafka Streams scorer, the Spark Structured Streaming job)
 * calls {@link #of}, so they cannot decide differently.
 *
 * <p>The rules stay on as a floor: the score is the higher of the two, the decision the stricter,
 * and the reasons those of both (one per code, the larger contribution kept), strongest first. So
 * a model never silences an obvious rule hit, and before any model the rules decide alone.
 *
 * @param modelVersion the model's version, or {@link RulesScorer#VERSION} when no model is in force
 */
public record Verdict(double score, Decision decision, List<Reason> reasons, String modelVersion) {

    static final int MAX_MODEL_REASONS = 3;

    /** @param model the model in force, or {@code null} when the rules decide alone */
    public static Verdict of(RiskScore rules, ModelEvaluator model, double[] features) {
        Map<String, Reason> byCode = new LinkedHashMap<>();
        for (RuleReason reason : rules.reasons()) {
            byCode.put(
                    reason.code().name(),
                    new Reason(reason.code().name(), reason.description(), reason.contribution()));
        }
        if (model == null) {
            return new Verdict(rules.score(), rules.decision(), sorted(byCode), RulesScorer.VERSION);
        }
        // one walk of the model for the score and its reasons
        ModelEvaluator.Evaluation evaluation = model.evaluate(features, MAX_MODEL_REASONS);
        double modelScore = evaluation.score();
        for (ModelReason reason : evaluation.reasons()) {
            byCode.merge(
                    reason.code().name(),
                    new Reason(reason.code().name(), reason.description(), reason.contribution()),
                    (a, b) -> a.getContribution() >= b.getContribution() ? a : b);
        }
        Decision decision = stricter(rules.decision(), model.decide(modelScore));
        return new Verdict(Math.max(rules.score(), modelScore), decision, sorted(byCode), model.modelVersion());
    }

    /**
     * Whether someone must look at the transaction: decided REVIEW or DECLINE, by the rules'
     * thresholds or the model's (its own, calibrated on its test window), never a third threshold.
     */
    public boolean alert() {
        return decision != Decision.APPROVE;
    }

    /** The record of this verdict on {@code transaction-scores}: no card number, only the token. */
    public TransactionScore scoreRecord(Transaction tx, FeatureVector features, Instant scoredAt) {
        List<Double> values = new ArrayList<>(features.schema().size());
        for (double value : features.values()) {
            values.add(value);
        }
        return TransactionScore.newBuilder()
                .setBankId(tx.getBankId())
                .setTransactionId(tx.getTransactionId())
                .setCardToken(tx.getCardToken())
                .setMerchantId(tx.getMerchantId())
                .setAmountMinor(tx.getAmountMinor())
                .setCurrency(tx.getCurrency())
                .setEventTime(tx.getEventTime())
                .setReceivedAt(tx.getReceivedAt())
                .setScoredAt(scoredAt)
                .setScore(score)
                .setDecision(decision)
                .setAlerted(alert())
                .setModelVersion(modelVersion)
                .setFeatureSchema(features.schema().id())
                .setFeatures(values)
                .setReasons(reasons)
                .build();
    }

    private static Decision stricter(Decision a, Decision b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }

    private static List<Reason> sorted(Map<String, Reason> byCode) {
        List<Reason> reasons = new ArrayList<>(byCode.values());
        reasons.sort(Comparator.comparingDouble(Reason::getContribution).reversed());
        return List.copyOf(reasons);
    }
}
