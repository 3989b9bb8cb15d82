package dev.vigil.scorer;

import dev.vigil.features.model.ModelEvaluator;
import dev.vigil.schemas.Topics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The model in force per scope (a bank id or {@code "*"}), written by the global model loader and
 * read by every stream thread. Each entry is a fully compiled, immutable evaluator swapped in one
 * step, so a record is scored by the old model or the new one, never a mix.
 */
final class CurrentModels {

    private final Map<String, ModelEvaluator> byScope = new ConcurrentHashMap<>();
    private final ScorerMetrics metrics;

    CurrentModels(ScorerMetrics metrics) {
        this.metrics = metrics;
    }

    /** The bank's own model, else the one for all banks, else {@code null} (rules only). */
    ModelEvaluator forBank(String bankId) {
        return Topics.ownElseAllBanks(bankId, byScope::get);
    }

    void install(String scope, ModelEvaluator model) {
        ModelEvaluator previous = byScope.put(scope, model);
        metrics.modelInstalled(scope, previous, model);
    }

    void remove(String scope) {
        ModelEvaluator previous = byScope.remove(scope);
        if (previous != null) {
            metrics.modelInstalled(scope, previous, null);
        }
    }
}
