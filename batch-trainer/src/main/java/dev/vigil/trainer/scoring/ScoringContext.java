package dev.vigil.trainer.scoring;

import dev.vigil.events.MerchantRisk;
import dev.vigil.events.ModelBundle;
import dev.vigil.features.FeatureSchema;
import dev.vigil.features.model.InvalidModelException;
import dev.vigil.features.model.ModelEvaluator;
import dev.vigil.schemas.Topics;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fixed {@link ScoringTables}: the models per scope (a bank id or {@code "*"}) and merchant risk per
 * {@link Topics#merchantRiskKey} given when built, for offline scoring and tests. Shipped to
 * executors, where each model is compiled once per JVM. The streaming job follows the topics instead
 * ({@link LiveTables}).
 */
public final class ScoringContext implements ScoringTables {

    private static final long serialVersionUID = 1L;

    private final HashMap<String, ModelBundle> models;
    private final HashMap<String, MerchantRisk> merchantRisks;
    private transient Map<String, ModelEvaluator> compiled;

    /** @param models only bundles that {@link #accepts} */
    public ScoringContext(Map<String, ModelBundle> models, Map<String, MerchantRisk> merchantRisks) {
        this.models = new HashMap<>(models);
        this.merchantRisks = new HashMap<>(merchantRisks);
    }

    public static ScoringContext rulesOnly() {
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

    @Override
    public ModelEvaluator model(String bankId) {
        return Topics.ownElseAllBanks(bankId, this::compiled);
    }

    @Override
    public MerchantRisk merchantRisk(String bankId, String merchantId) {
        return Topics.ownElseAllBanks(bankId, scope -> merchantRisks.get(Topics.merchantRiskKey(scope, merchantId)));
    }

    @Override
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
