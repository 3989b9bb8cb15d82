package dev.vigil.scorer;

import dev.vigil.events.Alert;
import dev.vigil.events.MerchantRisk;
import dev.vigil.events.Transaction;
import dev.vigil.events.TransactionScore;
import dev.vigil.schemas.TopicSerdes;
import dev.vigil.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The scorer's topology, as a plain function of its serdes and settings (Quarkus only runs it):
 *
 * <pre>
 * transactions (bytes) ─▶ read-transaction ─┬─▶ score-transaction ─┬─▶ fraud-alerts
 *                                           │     [card-profiles]    └─▶ transaction-scores
 *                                           │     [seen-transactions]  └─▶ dead-letters (a reused id, other content)
 *                                           │     reads [merchant-risk], the current models
 *                                           │     (falls back from a model over the alert ceiling)
 *                                           └─▶ dead-letters (original bytes + cause headers)
 *
 * fraud-models  ─▶ load-models         ─▶ [fraud-models] global store + CurrentModels
 * merchant-risk ─▶ load-merchant-risk  ─▶ [merchant-risk] global store
 * </pre>
 *
 * Transactions are keyed by card token, so the per-card stores need no repartition. Models and
 * merchant risk are global state: every instance holds all of them.
 */
final class ScoringTopology {

    static final String SOURCE = "transactions-source";
    static final String READER = "read-transaction";
    static final String SCORER = "score-transaction";
    static final String ALERTS_SINK = "fraud-alerts-sink";
    static final String DEAD_LETTERS_SINK = "dead-letters-sink";
    static final String SCORES_SINK = "transaction-scores-sink";
    static final String MODELS_SOURCE = "fraud-models-source";
    static final String MODELS_LOADER = "load-models";
    static final String MODELS_STORE = "fraud-models";
    static final String MERCHANT_RISK_SOURCE = "merchant-risk-source";
    static final String MERCHANT_RISK_LOADER = "load-merchant-risk";
    static final String MERCHANT_RISK_STORE = "merchant-risk";
    static final String PROFILES_STORE = "card-profiles";
    static final String SEEN_STORE = "seen-transactions";
    /** A dedup entry is a point in time; the window only has to be non-empty. */
    private static final Duration DEDUP_WINDOW = Duration.ofMillis(1);

    private ScoringTopology() {}

    static Topology build(TopicSerdes serdes, ScorerSettings settings, MeterRegistry meters, Clock clock) {
        ScorerMetrics metrics = new ScorerMetrics(meters);
        CurrentModels models = new CurrentModels(metrics);
        ModelGuard guard = new ModelGuard(settings.budget(), models, metrics);
        MerchantRiskCache merchantRiskCache = new MerchantRiskCache(MerchantRiskCache.MAX_ENTRIES);
        Deserializer<Transaction> transactions =
                serdes.valueSerde(Topics.TRANSACTIONS).deserializer();
        Topology topology = new Topology();
        topology.addSource(
                SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), Topics.TRANSACTIONS.name());
        topology.addProcessor(
                READER,
                () -> new TransactionReader(
                        Topics.TRANSACTIONS.name(), transactions, settings.applicationId(), metrics),
                SOURCE);
        topology.addGlobalStore(
                Stores.keyValueStoreBuilder(
                                Stores.persistentKeyValueStore(MODELS_STORE), Serdes.String(), Serdes.ByteArray())
                        .withLoggingDisabled(),
                MODELS_SOURCE,
                new StringDeserializer(),
                new ByteArrayDeserializer(),
                Topics.FRAUD_MODELS.name(),
                MODELS_LOADER,
                () -> new ModelLoader(serdes.valueSerde(Topics.FRAUD_MODELS).deserializer(), models, metrics));
        topology.addGlobalStore(
                Stores.keyValueStoreBuilder(
                                Stores.persistentKeyValueStore(MERCHANT_RISK_STORE),
                                Serdes.String(),
                                Serdes.ByteArray())
                        .withLoggingDisabled(),
                MERCHANT_RISK_SOURCE,
                new StringDeserializer(),
                new ByteArrayDeserializer(),
                Topics.MERCHANT_RISK.name(),
                MERCHANT_RISK_LOADER,
                () -> new MerchantRiskLoader(merchantRiskCache, metrics));
        Deserializer<MerchantRisk> merchantRisks =
                serdes.valueSerde(Topics.MERCHANT_RISK).deserializer();
        Serializer<Transaction> transactionBytes =
                serdes.valueSerde(Topics.TRANSACTIONS).serializer();
        topology.addProcessor(
                SCORER,
                () -> new CardScorer(
                        settings, models, guard, merchantRisks, merchantRiskCache, transactionBytes, metrics, clock),
                READER);
        topology.addStateStore(
                Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(PROFILES_STORE), Serdes.String(), CardProfileSerde.create()),
                SCORER);
        topology.addStateStore(
                Stores.windowStoreBuilder(
                        Stores.persistentWindowStore(SEEN_STORE, settings.dedupRetention(), DEDUP_WINDOW, false),
                        Serdes.String(),
                        Serdes.String()),
                SCORER);
        topology.addSink(
                ALERTS_SINK,
                Topics.FRAUD_ALERTS.name(),
                new StringSerializer(),
                serdes.<Alert>valueSerde(Topics.FRAUD_ALERTS).serializer(),
                SCORER);
        topology.addSink(
                SCORES_SINK,
                Topics.TRANSACTION_SCORES.name(),
                new StringSerializer(),
                serdes.<TransactionScore>valueSerde(Topics.TRANSACTION_SCORES).serializer(),
                SCORER);
        topology.addSink(
                DEAD_LETTERS_SINK,
                Topics.DEAD_LETTERS.name(),
                new ByteArraySerializer(),
                new ByteArraySerializer(),
                READER,
                SCORER);
        return topology;
    }
}
