package dev.vigil.scorer.bench;

import dev.vigil.events.ModelBundle;
import dev.vigil.events.ModelType;
import dev.vigil.features.FeatureSchema;
import dev.vigil.features.model.Bundles;
import dev.vigil.schemas.Topic;
import dev.vigil.schemas.TopicSerdes;
import dev.vigil.schemas.Topics;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * The benchmarks' model: a random 100-tree, depth-6 gradient-boosted ensemble over the current
 * features, for every bank (seeded, so every run scores with the same trees). Not a fraud model:
 * its trees are random; it makes an engine do a trained model's work per record. Run as a main
 * ({@code bootstrap-servers registry-url}) it publishes the model to {@code fraud-models}, as
 * {@code load-generator/bench/streams.sh} does before both engines start.
 */
public final class BenchModel {

    private BenchModel() {}

    static ModelBundle model() {
        return Bundles.randomEnsemble(new Random(7), FeatureSchema.CURRENT, ModelType.GRADIENT_BOOSTED_TREES, 100, 6);
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: BenchModel <bootstrap-servers> <registry-url>");
            System.exit(2);
        }
        ModelBundle model = model();
        send(args[0], args[1], Topics.FRAUD_MODELS, model.getBankId(), model);
        System.out.println("published " + model.getModelVersion() + " (" + model.getModelType() + ", "
                + model.getEnsemble().getTrees().size() + " trees) to " + Topics.FRAUD_MODELS.name());
    }

    static <K, V> void send(String bootstrapServers, String registryUrl, Topic<K, V> topic, K key, V value)
            throws Exception {
        TopicSerdes serdes = new TopicSerdes(registryUrl, true);
        try (Serde<K> keys = serdes.keySerde(topic);
                Serde<V> values = serdes.valueSerde(topic);
                KafkaProducer<K, V> producer =
                        new KafkaProducer<>(producerConfig(bootstrapServers), keys.serializer(), values.serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
        }
    }

    static Map<String, Object> producerConfig(String bootstrapServers) {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.LINGER_MS_CONFIG,
                20,
                ProducerConfig.BATCH_SIZE_CONFIG,
                256 * 1024);
    }
}
