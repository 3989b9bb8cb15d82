package dev.vigil.scorer;

import dev.vigil.events.Decision;
import dev.vigil.events.Reason;
import dev.vigil.features.model.ModelEvaluator;
import dev.vigil.features.model.ModelReason;
import dev.vigil.features.rules.RiskScore;
import dev.vigil.features.rules.RuleReason;
import dev.vigil.features.rules.RulesScorer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One decision for a transaction from the rules and, when one is in force, the model.
 *
 * <p>The rules stay on as a floor: the score is the higher of the two, the decision the stricter,
 * and the reasons those of both (one per code, the larger contribution kept), strongest first. So
 * a model never silences an obvious rule hit, and before any model the rules decide alone.
 *
 * @param modelVersion the model's version, or {@link RulesScorer#VERSION} when no model is in force
 */
record Verdict(double score, Decision decision, List<Reason> reasons, String modelVersion) {

    static final int MAX_MODEL_REASONS = 3;

    static Verdict of(RiskScore rules, ModelEvaluator model, double[] features) {
        Map<String, Reason> byCode = new LinkedHashMap<>();
        for (RuleReason reason : rules.reasons()) {
            byCode.put(reason.code().name(), new Reason(reason.code().name(), reason.description(), reason.contribution()));
        }
        if (model == null) {
            return new Verdict(rules.score(), rules.decision(), sorted(byCode), RulesScorer.VERSION);
        }
        // one walk of the model for the score and its reasons
        ModelEvaluator.Evaluation evaluation = model.evaluate(features, MAX_MODEL_REASONS);
        double modelScore = evaluation.score();
        for (ModelReason reason : evaluation.reasons()) {
            byCode.merge(reason.code().name(), new Reason(reason.code().name(), reason.description(), reason.contribution()),
                    (a, b) -> a.getContribution() >= b.getContribution() ? a : b);
        }
        Decision decision = stricter(rules.decision(), model.decide(modelScore));
        return new Verdict(Math.max(rules.score(), modelScore), decision, sorted(byCode), model.modelVersion());
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
