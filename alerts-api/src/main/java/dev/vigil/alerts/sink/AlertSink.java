package dev.vigil.alerts.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.alerts.AlertsConfig;
import dev.vigil.alerts.query.AlertFeed;
import dev.vigil.events.Alert;
import dev.vigil.schemas.ReliableProducer;
import dev.vigil.schemas.TopicSerdes;
import dev.vigil.schemas.Topics;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Starts the {@link SinkLoop} on its own thread with the application and stops it with it. */
@ApplicationScoped
public class AlertSink {

    private final SinkStatus status = new SinkStatus();
    private KafkaProducer<byte[], byte[]> producer;
    private SinkLoop loop;
    private Thread thread;

    void start(
            @Observes StartupEvent event,
            AlertsConfig config,
            AgroalDataSource dataSource,
            ObjectMapper json,
            MeterRegistry meters,
            AlertFeed feed,
            Clock clock,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "apicurio.registry.url") String registryUrl) {
        AlertsConfig.Sink sink = config.sink();
        Deserializer<Alert> deserializer = new TopicSerdes(registryUrl, false)
                .valueSerde(Topics.FRAUD_ALERTS)
                .deserializer();
        producer = new KafkaProducer<>(
                producerConfig(bootstrapServers), new ByteArraySerializer(), new ByteArraySerializer());
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                consumerConfig(bootstrapServers, sink), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        loop = new SinkLoop(
                consumer,
                deserializer,
                new AlertWriter(dataSource, json),
                new DeadLetters(producer, sink.deadLetterTimeout()),
                status,
                new SinkMetrics(meters),
                feed,
                sink.pollTimeout(),
                new Backoff(sink.retryBackoff(), sink.retryBackoffMax()),
                clock);
        thread = new Thread(loop, "vigil-alert-sink");
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (loop != null) {
            loop.stop();
            thread.join(5_000);
            if (thread.isAlive()) {
                // still waiting out a back-off
                thread.interrupt();
                thread.join(5_000);
            }
            producer.close();
        }
    }

    SinkStatus.Snapshot status() {
        return status.snapshot();
    }

    private static Properties consumerConfig(String bootstrapServers, AlertsConfig.Sink sink) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, sink.groupId());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "vigil-alerts-api-sink");
        // only alerts of committed scorer transactions; offsets move only when the sink says so
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, sink.maxPollRecords());
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int)
                sink.sessionTimeout().toMillis());
        // a third of the session, as Kafka advises, so one late heartbeat does not end a live member
        config.put(
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                (int) sink.sessionTimeout().toMillis() / 3);
        return config;
    }

    private static Map<String, Object> producerConfig(String bootstrapServers) {
        return ReliableProducer.settings(bootstrapServers, "vigil-alerts-api-dead-letters");
    }
}
