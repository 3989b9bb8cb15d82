package dev.vigil.scorer;

import dev.vigil.events.ModelBundle;
import dev.vigil.features.FeatureSchema;
import dev.vigil.features.model.InvalidModelException;
import dev.vigil.features.model.ModelEvaluator;
import dev.vigil.schemas.Topics;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * Keeps {@link CurrentModels} in step with the compacted {@code fraud-models} topic (global state).
 * A bundle is compiled and validated before it replaces anything: one that does not read, or fails
 * validation, is logged, counted and dropped, and the previous model keeps scoring. Only accepted
 * bundles enter the store, from which a restarted instance compiles its models again.
 */
final class ModelLoader implements Processor<String, byte[], Void, Void> {

    private static final Logger LOG = Logger.getLogger(ModelLoader.class);

    private final Deserializer<ModelBundle> bundles;
    private final CurrentModels models;
    private final ScorerMetrics metrics;
    private KeyValueStore<String, byte[]> store;

    ModelLoader(Deserializer<ModelBundle> bundles, CurrentModels models, ScorerMetrics metrics) {
        this.bundles = bundles;
        this.models = models;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(ScoringTopology.MODELS_STORE);
        try (KeyValueIterator<String, byte[]> accepted = store.all()) {
            while (accepted.hasNext()) {
                KeyValue<String, byte[]> entry = accepted.next();
                ModelEvaluator model = compile(entry.key, entry.value);
                if (model != null) {
                    models.install(entry.key, model);
                }
            }
        }
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String scope = record.key();
        if (scope == null) {
            return;
        }
        if (record.value() == null) {
            store.delete(scope);
            models.remove(scope);
            LOG.infof("model for scope %s withdrawn; rules score it now unless \"*\" has a model", scope);
            return;
        }
        ModelEvaluator model = compile(scope, record.value());
        if (model == null) {
            return;
        }
        if (models.install(scope, model)) {
            store.put(scope, record.value());
            LOG.infof("model %s (%s) now scores scope %s", model.modelVersion(), model.type(), scope);
        } else {
            LOG.warnf(
                    "model %s for scope %s was refused live for its alert rate; it stays out until a new version arrives",
                    model.modelVersion(), scope);
        }
    }

    private ModelEvaluator compile(String scope, byte[] bytes) {
        try {
            ModelBundle bundle = bundles.deserialize(Topics.FRAUD_MODELS.name(), bytes);
            return ModelEvaluator.compilePublished(scope, bundle, FeatureSchema.CURRENT);
        } catch (InvalidModelException | SerializationException e) {
            LOG.errorf("rejected model bundle for scope %s, previous model keeps scoring: %s", scope, e.getMessage());
            metrics.modelRejected(scope);
            return null;
        }
    }
}
