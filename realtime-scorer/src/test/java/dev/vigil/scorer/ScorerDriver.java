package dev.vigil.scorer;

import dev.vigil.events.Alert;
import dev.vigil.events.MerchantRisk;
import dev.vigil.events.ModelBundle;
import dev.vigil.events.Transaction;
import dev.vigil.events.TransactionScore;
import dev.vigil.features.rules.RulesConfig;
import dev.vigil.schemas.TopicSerdes;
import dev.vigil.schemas.Topics;
import dev.vigil.schemas.testing.InMemoryRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The topology in a {@link TopologyTestDriver}, with the real Apicurio serde against an in-memory
 * registry (no process, no socket), a fixed clock and its own state directory.
 */
final class ScorerDriver implements AutoCloseable {

    static final ScorerSettings SETTINGS = new ScorerSettings(
            Duration.ofDays(1),
            RulesConfig.DEFAULTS,
            "vigil-scorer",
            Duration.ofDays(30),
            Duration.ofHours(1),
            new AlertBudget(0.01, Map.of(), 0.05, 2000));

    final TopologyTestDriver driver;
    final TestInputTopic<byte[], byte[]> transactions;
    final TestOutputTopic<String, Alert> alerts;
    final TestOutputTopic<byte[], byte[]> deadLetters;
    final TestOutputTopic<String, TransactionScore> scores;
    final TestInputTopic<String, byte[]> models;
    final TestInputTopic<String, byte[]> merchantRisks;
    private final Serializer<ModelBundle> bundleSerializer;
    private final Serializer<MerchantRisk> merchantRiskSerializer;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Serializer<Transaction> transactionSerializer;

    /** The registry the test's records are written with; the scorer reads them through it too unless told otherwise. */
    final InMemoryRegistry registry = new InMemoryRegistry();

    ScorerDriver(Path stateDir) {
        this(stateDir, SETTINGS);
    }

    ScorerDriver(Path stateDir, ScorerSettings settings) {
        this(stateDir, null, settings);
    }

    /** @param scorerSerdes the serdes the topology gets; null: the test's in-memory registry */
    ScorerDriver(Path stateDir, TopicSerdes scorerSerdes, ScorerSettings settings) {
        TopicSerdes serdes = new TopicSerdes(registry, true);
        TopicSerdes topologySerdes = scorerSerdes != null ? scorerSerdes : serdes;
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "vigil-scorer-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(
                ScoringTopology.build(
                        topologySerdes, settings, meters, Clock.fixed(CardTransactions.SCORED_AT, ZoneOffset.UTC)),
                props);
        transactions = driver.createInputTopic(
                Topics.TRANSACTIONS.name(), new ByteArraySerializer(), new ByteArraySerializer());
        alerts = driver.createOutputTopic(
                Topics.FRAUD_ALERTS.name(),
                new StringDeserializer(),
                serdes.valueSerde(Topics.FRAUD_ALERTS).deserializer());
        deadLetters = driver.createOutputTopic(
                Topics.DEAD_LETTERS.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        transactionSerializer = serdes.valueSerde(Topics.TRANSACTIONS).serializer();
        scores = driver.createOutputTopic(
                Topics.TRANSACTION_SCORES.name(),
                new StringDeserializer(),
                serdes.valueSerde(Topics.TRANSACTION_SCORES).deserializer());
        models = driver.createInputTopic(Topics.FRAUD_MODELS.name(), new StringSerializer(), new ByteArraySerializer());
        merchantRisks =
                driver.createInputTopic(Topics.MERCHANT_RISK.name(), new StringSerializer(), new ByteArraySerializer());
        bundleSerializer = serdes.valueSerde(Topics.FRAUD_MODELS).serializer();
        merchantRiskSerializer = serdes.valueSerde(Topics.MERCHANT_RISK).serializer();
    }

    /** Pipes transactions as the ingest service writes them: keyed by card token, timestamped with the event time. */
    void send(Transaction... txs) {
        for (Transaction tx : txs) {
            transactions.pipeInput(tx.getCardToken().getBytes(StandardCharsets.UTF_8), avro(tx), tx.getEventTime());
        }
    }

    /** Publishes a model bundle as the trainer's gate does: keyed by its scope. */
    void publish(ModelBundle bundle) {
        models.pipeInput(
                bundle.getBankId(),
                bundleSerializer.serialize(Topics.FRAUD_MODELS.name(), new RecordHeaders(), bundle));
    }

    void publish(MerchantRisk risk) {
        merchantRisks.pipeInput(
                Topics.merchantRiskKey(risk.getBankId(), risk.getMerchantId()),
                merchantRiskSerializer.serialize(Topics.MERCHANT_RISK.name(), new RecordHeaders(), risk));
    }

    byte[] avro(Transaction tx) {
        return transactionSerializer.serialize(Topics.TRANSACTIONS.name(), new RecordHeaders(), tx);
    }

    double counter(String name, String tag, String value) {
        var counter = meters.find(name).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }

    @Override
    public void close() {
        driver.close();
    }
}
