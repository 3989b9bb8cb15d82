package dev.vigil.ingest.kafka;

import dev.vigil.ingest.IngestConfig;
import dev.vigil.schemas.ReliableProducer;
import dev.vigil.schemas.Topic;
import dev.vigil.schemas.TopicSerdes;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The one Kafka producer of the service: idempotent, {@code acks=all}, with short bounded timeouts
 * so that a broker that is down turns into a 503 within seconds. Keys and values are serialized
 * here with the topic's serdes ({@link TopicSerdes}), so one producer serves every topic. Built at
 * startup, so a configuration Kafka refuses stops the service instead of failing its requests.
 */
@Singleton
@Startup
public class EventPublisher {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class);
    private final KafkaProducer<byte[], byte[]> producer;
    private final TopicSerdes serdes;
    private final Map<String, Serializer<?>> serializers = new ConcurrentHashMap<>();
    /** By topic and outcome, looked up once rather than built and registered on every send. */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    private final MeterRegistry metrics;
    private final Duration ackTimeout;

    EventPublisher(
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "apicurio.registry.url") String registryUrl,
            IngestConfig config,
            MeterRegistry metrics) {
        int maxBlock = Math.toIntExact(config.kafka().maxBlock().toMillis());
        int deliveryTimeout = Math.toIntExact(config.kafka().deliveryTimeout().toMillis());
        int linger = Math.toIntExact(config.kafka().linger().toMillis());
        Map<String, Object> settings =
                ReliableProducer.settings(bootstrapServers, KafkaClients.CLIENT_ID + "-producer");
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (long) maxBlock);
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deliveryTimeout);
        // Kafka requires delivery.timeout >= linger + request.timeout; half leaves room for one retry
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1, (deliveryTimeout - linger) / 2));
        settings.put(ProducerConfig.LINGER_MS_CONFIG, linger);
        settings.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, config.kafka().compression());
        this.producer = new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer());
        this.serdes = new TopicSerdes(registryUrl, true);
        this.metrics = metrics;
        // send blocks at most max.block, and the callback fires at most delivery.timeout later
        this.ackTimeout = Duration.ofMillis(maxBlock + deliveryTimeout + 1_000L);
    }

    /**
     * Waits until every future completed, at most as long as an acknowledgement can take; throws
     * {@link EventLogUnavailableException} when any failed or the time ran out.
     */
    public void awaitAll(List<? extends CompletableFuture<?>> acknowledgements) {
        try {
            CompletableFuture.allOf(acknowledgements.toArray(CompletableFuture[]::new))
                    .get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof EventLogUnavailableException
                    ? (EventLogUnavailableException) e.getCause()
                    : new EventLogUnavailableException("Kafka did not acknowledge the records");
        } catch (TimeoutException e) {
            throw new EventLogUnavailableException("Kafka did not acknowledge the records in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventLogUnavailableException("interrupted while waiting for Kafka");
        }
    }

    /**
     * Sends one record with {@code timestamp} as its Kafka timestamp. The future completes when
     * the broker acknowledged it, or fails with {@link EventLogUnavailableException}; this method
     * itself does not throw for Kafka or registry failures.
     */
    public <V> CompletableFuture<RecordMetadata> send(Topic<String, V> topic, String key, V value, Instant timestamp) {
        CompletableFuture<RecordMetadata> acknowledged = new CompletableFuture<>();
        ProducerRecord<byte[], byte[]> record;
        try {
            Headers headers = new RecordHeaders();
            byte[] keyBytes = serializer(topic, true).serialize(topic.name(), headers, key);
            byte[] valueBytes = serializer(topic, false).serialize(topic.name(), headers, value);
            record = new ProducerRecord<>(topic.name(), null, timestamp.toEpochMilli(), keyBytes, valueBytes, headers);
        } catch (RuntimeException e) {
            // only the class: an Avro message could quote a field value
            LOG.warnf(
                    "could not serialize a record for topic %s (%s); is the schema registry reachable?",
                    topic.name(), e.getClass().getName());
            acknowledged.completeExceptionally(
                    new EventLogUnavailableException("the schema registry is not available"));
            return acknowledged;
        }
        long start = System.nanoTime();
        try {
            producer.send(record, (metadata, error) -> {
                timer(topic, error == null).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                if (error == null) {
                    acknowledged.complete(metadata);
                } else {
                    fail(acknowledged, topic, error);
                }
            });
        } catch (KafkaException e) {
            timer(topic, false).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            fail(acknowledged, topic, e);
        }
        return acknowledged;
    }

    private static void fail(CompletableFuture<RecordMetadata> acknowledged, Topic<?, ?> topic, Exception error) {
        // Kafka's messages name topics, partitions and timeouts, never record content
        LOG.warnf(
                "Kafka did not take a record for topic %s: %s: %s",
                topic.name(), error.getClass().getSimpleName(), error.getMessage());
        acknowledged.completeExceptionally(
                new EventLogUnavailableException("Kafka did not acknowledge the record in time"));
    }

    private Timer timer(Topic<?, ?> topic, boolean acknowledged) {
        String outcome = acknowledged ? "acknowledged" : "failed";
        return timers.computeIfAbsent(topic.name() + '/' + outcome, key -> Timer.builder("vigil.ingest.produce.latency")
                .description("From send to the broker's acknowledgement (or failure)")
                .tag("topic", topic.name())
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(metrics));
    }

    @SuppressWarnings("unchecked")
    private <T> Serializer<T> serializer(Topic<String, ?> topic, boolean isKey) {
        return (Serializer<T>) serializers.computeIfAbsent(
                topic.name() + (isKey ? "/key" : "/value"),
                name -> isKey
                        ? serdes.keySerde(topic).serializer()
                        : serdes.valueSerde(topic).serializer());
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
        serializers.values().forEach(Serializer::close);
    }
}
