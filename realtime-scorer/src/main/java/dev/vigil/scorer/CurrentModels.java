package dev.vigil.scorer;

import dev.vigil.features.model.ModelEvaluator;
import dev.vigil.features.rules.RulesScorer;
import dev.vigil.schemas.Topics;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The model in force per scope (a bank id or {@code "*"}), written by the global model loader and
 * read by every stream thread. Each entry is a fully compiled, immutable evaluator swapped in one
 * step, so a record is scored by the old model or the new one, never a mix.
 *
 * <p>Each scope also remembers the model it replaced, so that {@link ModelGuard} can go back to it,
 * and the version it refused, which is not installed again until another version arrives.
 */
final class CurrentModels {

    private final Map<String, Slot> byScope = new ConcurrentHashMap<>();
    /** Read and written under this object's lock only. */
    private final Map<String, String> refused = new HashMap<>();

    private final ScorerMetrics metrics;

    CurrentModels(ScorerMetrics metrics) {
        this.metrics = metrics;
    }

    /**
     * What scores the bank's next transaction and under which scope: its own model, else the one
     * for all banks, else the rules under the bank's own scope.
     */
    InForce inForce(String bankId) {
        InForce model = Topics.ownElseAllBanks(bankId, scope -> {
            Slot slot = byScope.get(scope);
            return slot == null ? null : new InForce(scope, slot.current());
        });
        return model != null ? model : new InForce(bankId, null);
    }

    /** Installs a model; refuses (returns false) the version this scope fell back from. */
    synchronized boolean install(String scope, ModelEvaluator model) {
        if (model.modelVersion().equals(refused.get(scope))) {
            return false;
        }
        refused.remove(scope);
        Slot previous = byScope.put(scope, new Slot(model, currentOf(scope)));
        metrics.modelInstalled(scope, previous == null ? null : previous.current(), model);
        return true;
    }

    synchronized void remove(String scope) {
        Slot previous = byScope.remove(scope);
        if (previous != null) {
            metrics.modelInstalled(scope, previous.current(), null);
        }
    }

    /**
     * Puts back what {@code refusedModel} replaced (nothing, when it had replaced nothing: then the
     * bank's traffic goes to the all-banks model or the rules, as after a withdrawal) and remembers
     * the refused version. Returns {@code null} when {@code refusedModel} is no longer in force, e.g.
     * because a newer version was installed meanwhile: that one deserves its own window.
     */
    synchronized Fallback fallBack(String scope, ModelEvaluator refusedModel) {
        Slot slot = byScope.get(scope);
        if (slot == null || slot.current() != refusedModel) {
            return null;
        }
        refused.put(scope, refusedModel.modelVersion());
        if (slot.previous() == null) {
            byScope.remove(scope);
        } else {
            byScope.put(scope, new Slot(slot.previous(), null));
        }
        metrics.modelInstalled(scope, refusedModel, slot.previous());
        return new Fallback(scope, refusedModel.modelVersion(), inForce(scope).version());
    }

    private ModelEvaluator currentOf(String scope) {
        Slot slot = byScope.get(scope);
        return slot == null ? null : slot.current();
    }

    /** @param model {@code null} when the rules decide alone */
    record InForce(String scope, ModelEvaluator model) {

        String version() {
            return model == null ? RulesScorer.VERSION : model.modelVersion();
        }
    }

    /** A model refused in {@code scope}: {@code from} its version, {@code to} what scores now. */
    record Fallback(String scope, String from, String to) {}

    private record Slot(ModelEvaluator current, ModelEvaluator previous) {}
}
