package dev.vigil.scorer;

import dev.vigil.scorer.CurrentModels.Fallback;
import dev.vigil.scorer.CurrentModels.InForce;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Holds the alert budget live: counts every scored transaction into its scope's {@link AlertRates}
 * window and, when a model has alerted on more than the ceiling over a whole window of its own
 * records, falls back to what it replaced ({@link CurrentModels#fallBack}), says so in
 * {@code vigil_scorer_model_fallbacks_total{scope,from,to}} and one log line. The rules are never
 * refused: they are the floor a fallback lands on.
 *
 * <p>Crash and restart: the windows and the refusal are in memory, not in a state store, and that is
 * deliberate. A restarted instance compiles the model in the global store again (the refused one,
 * since it is still the latest on {@code fraud-models}) without its predecessor, so it re-evaluates
 * it over a fresh window and, if it still blows the ceiling, falls back to the all-banks model or the
 * rules. Exactly-once is not touched: the guard only chooses which model scores the next records,
 * and each record's profile update, score, alert and offset still commit together once; records
 * re-processed after a crash may be scored by the model the restarted instance has in force. A
 * window kept in a store would not be more exact either: a scope's traffic spans partitions and
 * instances, while a store belongs to one task.
 */
final class ModelGuard {

    private static final Logger LOG = Logger.getLogger(ModelGuard.class);

    private final AlertBudget budget;
    private final AlertRates rates;
    private final CurrentModels models;
    private final ScorerMetrics metrics;
    private final Set<String> scopesSeen = ConcurrentHashMap.newKeySet();

    ModelGuard(AlertBudget budget, CurrentModels models, ScorerMetrics metrics) {
        this.budget = budget;
        this.rates = new AlertRates(budget.window());
        this.models = models;
        this.metrics = metrics;
    }

    /** Counts one scored transaction; falls back when it completes a window above the ceiling. */
    void observe(InForce scoredBy, boolean alert) {
        String scope = scoredBy.scope();
        if (scopesSeen.add(scope)) {
            metrics.alertBudget(scope, () -> rates.rate(scope), budget.shareFor(scope), budget.ceiling());
        }
        AlertRates.Rate rate = rates.record(scope, scoredBy.version(), alert);
        if (scoredBy.model() == null || !rate.full() || rate.share() <= budget.ceiling()) {
            return;
        }
        Fallback fallback = models.fallBack(scope, scoredBy.model());
        if (fallback != null) {
            metrics.fellBack(fallback);
            LOG.warn(String.format(
                    Locale.ROOT,
                    "model_fallback scope=%s from=%s to=%s alert_rate=%.4f ceiling=%.4f window=%d "
                            + "reason=\"alert rate above the ceiling over a whole window; %s is refused until a new version arrives\"",
                    fallback.scope(),
                    fallback.from(),
                    fallback.to(),
                    rate.share(),
                    budget.ceiling(),
                    rate.scored(),
                    fallback.from()));
        }
    }
}
