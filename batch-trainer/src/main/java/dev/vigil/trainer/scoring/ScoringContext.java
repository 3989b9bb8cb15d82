package dev.vigil.trainer.scoring;

import dev.vigil.events.MerchantRisk;
import dev.vigil.events.ModelBundle;
import dev.vigil.features.FeatureSchema;
import dev.vigil.features.model.InvalidModelException;
import dev.vigil.features.model.ModelEvaluator;
import dev.vigil.schemas.Topics;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What scoring a card reads besides its own profile, as the streaming job found it at start: the
 * model in force per scope (a bank id or {@code "*"}) and merchant risk per
 * {@link Topics#merchantRiskKey}. Shipped to executors, where each model is compiled once per task.
 * The scorer swaps models live; this job keeps the ones it started with (restart it for a new one).
 */
public final class ScoringContext implements Serializable {

    private static final long serialVersionUID = 1L;

    private final HashMap<String, ModelBundle> models;
    private final HashMap<String, MerchantRisk> merchantRisks;
    private transient Map<String, ModelEvaluator> compiled;

    /** @param models only bundles that {@link #accepts} */
    public ScoringContext(Map<String, ModelBundle> models, Map<String, MerchantRisk> merchantRisks) {
        this.models = new HashMap<>(models);
        this.merchantRisks = new HashMap<>(merchantRisks);
    }

    static ScoringContext rulesOnly() {
        return new ScoringContext(Map.of(), Map.of());
    }

    /** As the scorer's model loader: a bundle that does not compile for this schema, or names another scope, is refused. */
    public static boolean accepts(String scope, ModelBundle bundle) {
        try {
            ModelEvaluator.compilePublished(scope, bundle, FeatureSchema.CURRENT);
            return true;
        } catch (InvalidModelException e) {
            return false;
        }
    }

    /** The bank's own model, else the one for all banks, else {@code null} (rules only), as the scorer picks. */
    public ModelEvaluator model(String bankId) {
        return Topics.ownElseAllBanks(bankId, this::compiled);
    }

    /** The bank's own view of the merchant, else the all-banks one, else {@code null} (neutral features). */
    public MerchantRisk merchantRisk(String bankId, String merchantId) {
        return Topics.ownElseAllBanks(bankId, scope -> merchantRisks.get(Topics.merchantRiskKey(scope, merchantId)));
    }

    /** e.g. {@code models *=gbt-20261123T120014Z; 42 merchant risks}. */
    public String describe() {
        StringBuilder text = new StringBuilder("models ");
        if (models.isEmpty()) {
            text.append("none (rules only)");
        }
        models.forEach((scope, bundle) ->
                text.append(scope).append('=').append(bundle.getModelVersion()).append(' '));
        return text.toString().trim() + "; " + merchantRisks.size() + " merchant risks";
    }

    private ModelEvaluator compiled(String scope) {
        if (compiled == null) {
            compiled = new ConcurrentHashMap<>();
        }
        ModelBundle bundle = models.get(scope);
        return bundle == null
                ? null
                : compiled.computeIfAbsent(scope, s -> ModelEvaluator.compile(bundle, FeatureSchema.CURRENT));
    }
}
