package dev.vigil.trainer.scorestream;

import dev.vigil.events.MerchantRisk;
import dev.vigil.events.ModelBundle;
import dev.vigil.features.FeatureSchema;
import dev.vigil.features.model.InvalidModelException;
import dev.vigil.features.model.ModelEvaluator;
import dev.vigil.schemas.Topic;
import dev.vigil.schemas.TopicSerdes;
import dev.vigil.schemas.Topics;
import dev.vigil.trainer.scoring.ScoringTables;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models and merchant risk in force, kept current while the job runs, as the scorer's global
 * stores are: each JVM (the driver, every executor) follows {@code fraud-models} and
 * {@code merchant-risk} from their beginning with one consumer thread, reads both to their end before
 * the first lookup (as Kafka Streams restores global stores before it processes), then applies each
 * new record as it comes. A model is compiled once when it arrives and replaces its scope's in one map
 * write; a scorer reads it once per record, so a publish takes effect on the next records without a
 * restart. A bundle that does not compile for its scope and this schema (the scorer's
 * {@code ModelEvaluator.compilePublished}), or a record that cannot be read, is logged
 * and leaves the previous value in force; a tombstone removes its key.
 *
 * <p>Not done here, unlike the scorer: the alert budget's fallback to the previous model
 * ({@code ModelGuard}).
 */
final class LiveTables implements ScoringTables {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(LiveTables.class);
    private static final Map<List<String>, Follower> FOLLOWERS = new ConcurrentHashMap<>();

    private final String bootstrapServers;
    private final String registryUrl;
    private final String modelsTopic;
    private final String merchantRiskTopic;
    private transient Follower follower;

    /** Following {@code fraud-models} and {@code merchant-risk}. */
    LiveTables(String bootstrapServers, String registryUrl) {
        this(bootstrapServers, registryUrl, Topics.FRAUD_MODELS.name(), Topics.MERCHANT_RISK.name());
    }

    /** Following topics of those two kinds under other names (a test's own). */
    LiveTables(String bootstrapServers, String registryUrl, String modelsTopic, String merchantRiskTopic) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.modelsTopic = modelsTopic;
        this.merchantRiskTopic = merchantRiskTopic;
    }

    @Override
    public ModelEvaluator model(String bankId) {
        return Topics.ownElseAllBanks(bankId, follower().models::get);
    }

    @Override
    public MerchantRisk merchantRisk(String bankId, String merchantId) {
        Map<String, MerchantRisk> risks = follower().risks;
        return Topics.ownElseAllBanks(bankId, scope -> risks.get(Topics.merchantRiskKey(scope, merchantId)));
    }

    @Override
    public String describe() {
        Follower now = follower();
        return "followed from " + modelsTopic + " and " + merchantRiskTopic
                + ", in force now: models "
                + (now.versions.isEmpty() ? "none (rules only)" : new TreeMap<>(now.versions))
                + "; " + now.risks.size() + " merchant risks";
    }

    /** This JVM's follower of the two topics, started (and caught up) at the first lookup. */
    private Follower follower() {
        if (follower == null) {
            follower = FOLLOWERS.computeIfAbsent(
                    List.of(bootstrapServers, registryUrl, modelsTopic, merchantRiskTopic),
                    key -> Follower.start(
                            bootstrapServers,
                            registryUrl,
                            Topics.FRAUD_MODELS.named(modelsTopic),
                            Topics.MERCHANT_RISK.named(merchantRiskTopic)));
        }
        return follower;
    }

    private static final class Follower implements Runnable {

        final Map<String, ModelEvaluator> models = new ConcurrentHashMap<>();
        final Map<String, String> versions = new ConcurrentHashMap<>();
        final Map<String, MerchantRisk> risks = new ConcurrentHashMap<>();
        private final KafkaConsumer<String, byte[]> consumer;
        private final Deserializer<ModelBundle> bundles;
        private final Deserializer<MerchantRisk> merchantRisks;
        private final String bootstrapServers;
        private final Topic<String, ModelBundle> modelsTopic;
        private final Topic<String, MerchantRisk> merchantRiskTopic;

        private Follower(
                String bootstrapServers,
                String registryUrl,
                Topic<String, ModelBundle> modelsTopic,
                Topic<String, MerchantRisk> merchantRiskTopic) {
            this.bootstrapServers = bootstrapServers;
            this.modelsTopic = modelsTopic;
            this.merchantRiskTopic = merchantRiskTopic;
            TopicSerdes serdes = new TopicSerdes(registryUrl, false);
            this.bundles = serdes.valueSerde(modelsTopic).deserializer();
            this.merchantRisks = serdes.valueSerde(merchantRiskTopic).deserializer();
            this.consumer = new KafkaConsumer<>(
                    Map.of(
                            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            bootstrapServers,
                            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                            false,
                            ConsumerConfig.CLIENT_ID_CONFIG,
                            "vigil-score-stream-tables"),
                    new StringDeserializer(),
                    new ByteArrayDeserializer());
        }

        static Follower start(
                String bootstrapServers,
                String registryUrl,
                Topic<String, ModelBundle> modelsTopic,
                Topic<String, MerchantRisk> merchantRiskTopic) {
            Follower follower = new Follower(bootstrapServers, registryUrl, modelsTopic, merchantRiskTopic);
            follower.catchUp();
            Thread thread = new Thread(follower, "score-stream-tables");
            thread.setDaemon(true);
            thread.start();
            return follower;
        }

        /** Both topics from their beginning to the end they have now. */
        private void catchUp() {
            List<TopicPartition> partitions = new ArrayList<>();
            for (Topic<String, ?> topic : List.<Topic<String, ?>>of(modelsTopic, merchantRiskTopic)) {
                ScoreStream.createIfMissing(bootstrapServers, topic);
                consumer.partitionsFor(topic.name())
                        .forEach(p -> partitions.add(new TopicPartition(topic.name(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(this::apply);
            }
        }

        @Override
        public void run() {
            while (true) {
                try {
                    consumer.poll(Duration.ofMillis(200)).forEach(this::apply);
                } catch (RuntimeException e) {
                    // a broker away for a while: keep the tables in force and poll again
                    LOG.warn(
                            "cannot read {} and {} now: {}",
                            modelsTopic.name(),
                            merchantRiskTopic.name(),
                            e.toString());
                    sleepASecond();
                }
            }
        }

        private void apply(ConsumerRecord<String, byte[]> record) {
            String key = record.key();
            if (key == null) {
                return;
            }
            try {
                if (record.topic().equals(modelsTopic.name())) {
                    applyModel(
                            key, record.value() == null ? null : bundles.deserialize(record.topic(), record.value()));
                } else if (record.value() == null) {
                    risks.remove(key);
                } else {
                    risks.put(key, merchantRisks.deserialize(record.topic(), record.value()));
                }
            } catch (RuntimeException unreadable) {
                LOG.warn(
                        "skipping unreadable record topic={} partition={} offset={}: {}",
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        unreadable.toString());
            }
        }

        private void applyModel(String scope, ModelBundle bundle) {
            if (bundle == null) {
                models.remove(scope);
                versions.remove(scope);
                return;
            }
            try {
                models.put(scope, ModelEvaluator.compilePublished(scope, bundle, FeatureSchema.CURRENT));
                versions.put(scope, bundle.getModelVersion());
                LOG.info("model in force scope={} version={}", scope, bundle.getModelVersion());
            } catch (InvalidModelException e) {
                LOG.warn("refused model scope={} version={}: {}", scope, bundle.getModelVersion(), e.getMessage());
            }
        }

        private static void sleepASecond() {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
