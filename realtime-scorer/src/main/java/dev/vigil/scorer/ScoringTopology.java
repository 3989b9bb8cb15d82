package dev.vigil.scorer;

import dev.vigil.events.Alert;
import dev.vigil.events.Transaction;
import dev.vigil.schemas.TopicSerdes;
import dev.vigil.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The scorer's topology, as a plain function of its serdes and settings (Quarkus only runs it):
 *
 * <pre>
 * transactions (bytes) ─▶ read-transaction ─┬─▶ score-transaction ─▶ fraud-alerts
 *                                           │     [card-profiles] [seen-transactions]
 *                                           └─▶ dead-letters (original bytes + cause headers)
 * </pre>
 *
 * Transactions are keyed by card token, so the per-card stores need no repartition.
 */
final class ScoringTopology {

    static final String SOURCE = "transactions-source";
    static final String READER = "read-transaction";
    static final String SCORER = "score-transaction";
    static final String ALERTS_SINK = "fraud-alerts-sink";
    static final String DEAD_LETTERS_SINK = "dead-letters-sink";
    static final String PROFILES_STORE = "card-profiles";
    static final String SEEN_STORE = "seen-transactions";
    /** A dedup entry is a point in time; the window only has to be non-empty. */
    private static final Duration DEDUP_WINDOW = Duration.ofMillis(1);

    private ScoringTopology() {
    }

    static Topology build(TopicSerdes serdes, ScorerSettings settings, MeterRegistry meters, Clock clock) {
        ScorerMetrics metrics = new ScorerMetrics(meters);
        Deserializer<Transaction> transactions = serdes.valueSerde(Topics.TRANSACTIONS).deserializer();
        Topology topology = new Topology();
        topology.addSource(SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), Topics.TRANSACTIONS.name());
        topology.addProcessor(READER,
                () -> new TransactionReader(Topics.TRANSACTIONS.name(), transactions, settings.applicationId(), metrics),
                SOURCE);
        topology.addProcessor(SCORER, () -> new CardScorer(settings, metrics, clock), READER);
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(PROFILES_STORE), Serdes.String(), CardProfileSerde.create()), SCORER);
        topology.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(SEEN_STORE, settings.dedupRetention(), DEDUP_WINDOW, false),
                Serdes.String(), Serdes.Long()), SCORER);
        topology.addSink(ALERTS_SINK, Topics.FRAUD_ALERTS.name(), new StringSerializer(),
                serdes.<Alert>valueSerde(Topics.FRAUD_ALERTS).serializer(), SCORER);
        topology.addSink(DEAD_LETTERS_SINK, Topics.DEAD_LETTERS.name(), new ByteArraySerializer(),
                new ByteArraySerializer(), READER);
        return topology;
    }
}
