package dev.vigil.loadgen.kafka;

import dev.vigil.card.BinCountries;
import dev.vigil.card.CardToken;
import dev.vigil.card.CardTokenizer;
import dev.vigil.events.Transaction;
import dev.vigil.events.TransactionLabel;
import dev.vigil.loadgen.scenario.SimTransaction;
import dev.vigil.loadgen.send.Target;
import dev.vigil.schemas.ReliableProducer;
import dev.vigil.schemas.Topic;
import dev.vigil.schemas.TopicSerdes;
import dev.vigil.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes what ingest-service would write, without HTTP in the way: {@code Transaction} records to
 * {@code transactions} and {@code TransactionLabel} records to {@code transaction-labels}, Avro
 * through the registry's serde, keyed by the card token, with the transaction's event time (the
 * label's time) as the Kafka timestamp. Idempotent producer with {@code acks=all}, as ingest's: a
 * record counts as taken when every in-sync replica has it. The card number is tokenised before
 * anything is serialized; it never reaches a record, a header or a message.
 */
public final class KafkaTarget implements Target {

    /** The key as messages name it: never its value. */
    private static final String KEY_NAME = "the card token key (--pan-token-key, VIGIL_PAN_TOKEN_KEY)";
    /** Kafka's default since 4.0, set so it is visible: the acknowledgement latency includes it. */
    private static final int LINGER_MS = 5;

    private static final int REQUEST_TIMEOUT_MS = 10_000;
    private static final int DELIVERY_TIMEOUT_MS = 30_000;
    private static final int MAX_BLOCK_MS = 10_000;
    /**
     * The registry client warns on every start that it uses a shared Vert.x instance, advice for
     * servers that own their lifecycle; a command that runs once and exits has nothing to act on.
     * Held here so the setting is not collected with the logger.
     */
    private static final Logger VERTX_NOTICE =
            Logger.getLogger("io.apicurio.registry.client.common.DefaultVertxInstance");

    static {
        VERTX_NOTICE.setLevel(Level.SEVERE);
    }

    /** How a target stamps {@code receivedAt} and batches: live traffic, or history in its own event time. */
    public enum Mode {
        /** {@code receivedAt} is the moment of producing, as ingest stamps it; small batches, for latency. */
        LIVE,
        /**
         * {@code receivedAt} is the event time: a replay of history must not put the wall clock where a
         * feature or a metric could read it. Larger batches, compressed, for throughput.
         */
        HISTORY
    }

    /** History: a bigger batch and a longer linger fill batches at tens of thousands of records a second. */
    private static final int HISTORY_LINGER_MS = 20;

    private static final int HISTORY_BATCH_BYTES = 256 * 1024;

    private final CardTokenizer tokenizer;
    /** Ingest's default table: the load generator's BINs are the demo ones. */
    private final BinCountries binCountries = BinCountries.defaults();

    private final Mode mode;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Serializer<String> keys;
    private final Serializer<Transaction> transactions;
    private final Serializer<TransactionLabel> labels;

    private KafkaTarget(CardTokenizer tokenizer, String bootstrapServers, String registryUrl, Mode mode) {
        this.tokenizer = tokenizer;
        this.mode = mode;
        Map<String, Object> config = ReliableProducer.settings(bootstrapServers, "vigil-load-generator");
        config.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MS);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT_MS);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, MAX_BLOCK_MS);
        if (mode == Mode.HISTORY) {
            config.put(ProducerConfig.LINGER_MS_CONFIG, HISTORY_LINGER_MS);
            config.put(ProducerConfig.BATCH_SIZE_CONFIG, HISTORY_BATCH_BYTES);
            config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        }
        // registers the schemas when the registry does not have them yet, as ingest does
        TopicSerdes serdes = new TopicSerdes(registryUrl, true);
        this.keys = serdes.keySerde(Topics.TRANSACTIONS).serializer();
        this.transactions = serdes.valueSerde(Topics.TRANSACTIONS).serializer();
        this.labels = serdes.valueSerde(Topics.TRANSACTION_LABELS).serializer();
        this.producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * Connects to the broker and registry; {@code panTokenKey} is the base64 key ingest-service
     * tokenises card numbers with. A bad key is refused before anything connects, and a broker
     * that does not answer at once: every send would otherwise wait {@code max.block.ms} for it.
     */
    public static KafkaTarget connect(String bootstrapServers, String registryUrl, String panTokenKey) {
        return connect(bootstrapServers, registryUrl, panTokenKey, Mode.LIVE);
    }

    /** As {@link #connect(String, String, String)}, stamping and batching as {@code mode} says. */
    public static KafkaTarget connect(String bootstrapServers, String registryUrl, String panTokenKey, Mode mode) {
        KafkaTarget target =
                new KafkaTarget(CardTokenizer.fromBase64(panTokenKey, KEY_NAME), bootstrapServers, registryUrl, mode);
        try {
            target.producer.partitionsFor(Topics.TRANSACTIONS.name());
        } catch (KafkaException e) {
            target.close();
            throw new IllegalArgumentException(String.format(
                    "Kafka at %s did not tell where the %s topic is within %d s "
                            + "(%s): is --bootstrap-servers right, and the topic created?",
                    bootstrapServers,
                    Topics.TRANSACTIONS.name(),
                    MAX_BLOCK_MS / 1000,
                    e.getClass().getSimpleName()));
        }
        return target;
    }

    @Override
    public CompletableFuture<String> send(SimTransaction transaction) {
        Transaction record;
        try {
            Instant receivedAt = mode == Mode.HISTORY ? transaction.eventTime() : Instant.now();
            record = KafkaRecords.transaction(
                    transaction, CardToken.of(transaction.pan(), tokenizer, binCountries), receivedAt);
        } catch (IllegalArgumentException refused) {
            // what ingest would answer 400 to; the message names the currency, not the record
            return CompletableFuture.completedFuture("refused: " + refused.getMessage());
        }
        return produce(Topics.TRANSACTIONS, transactions, record.getCardToken(), record, record.getEventTime());
    }

    /**
     * Produces the transactions and waits for every acknowledgement. Unlike ingest's batch, not
     * all or none: when one fails, those before it may be on the topic although the batch counts
     * as refused. Stops at the first one refused at once (registry or broker not answering), as each
     * further one would wait as long.
     */
    @Override
    public String sendBatch(List<SimTransaction> batch) throws InterruptedException {
        List<CompletableFuture<String>> outcomes = new ArrayList<>(batch.size());
        for (SimTransaction transaction : batch) {
            CompletableFuture<String> outcome = send(transaction);
            outcomes.add(outcome);
            if (outcome.isDone() && outcome.join() != null) {
                break;
            }
        }
        try {
            CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new))
                    .get(MAX_BLOCK_MS + DELIVERY_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return e.getClass().getSimpleName();
        }
        return outcomes.stream()
                .map(CompletableFuture::join)
                .filter(outcome -> outcome != null)
                .findFirst()
                .orElse(null);
    }

    @Override
    public CompletableFuture<String> sendLabel(SimTransaction transaction, boolean fraud, Instant labelledAt) {
        TransactionLabel record =
                KafkaRecords.label(transaction, tokenizer.token(transaction.pan()), fraud, labelledAt);
        return produce(Topics.TRANSACTION_LABELS, labels, record.getCardToken(), record, record.getLabelledAt());
    }

    private <V> CompletableFuture<String> produce(
            Topic<String, V> topic, Serializer<V> values, String key, V value, Instant timestamp) {
        CompletableFuture<String> outcome = new CompletableFuture<>();
        try {
            Headers headers = new RecordHeaders();
            byte[] keyBytes = keys.serialize(topic.name(), headers, key);
            byte[] valueBytes = values.serialize(topic.name(), headers, value);
            producer.send(
                    new ProducerRecord<>(topic.name(), null, timestamp.toEpochMilli(), keyBytes, valueBytes, headers),
                    (metadata, error) -> outcome.complete(
                            error == null ? null : error.getClass().getSimpleName()));
        } catch (RuntimeException e) {
            // the registry not answering, or Kafka not taking the record within max.block.ms;
            // only the class: a serializer's message could quote a field
            outcome.complete(e.getClass().getSimpleName());
        }
        return outcome;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
        keys.close();
        transactions.close();
        labels.close();
    }

    @Override
    public String toString() {
        return "KafkaTarget[" + Topics.TRANSACTIONS.name() + ", " + Topics.TRANSACTION_LABELS.name() + "]";
    }
}
