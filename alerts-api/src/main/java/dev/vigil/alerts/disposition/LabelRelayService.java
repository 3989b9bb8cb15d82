package dev.vigil.alerts.disposition;

import dev.vigil.alerts.AlertsConfig;
import dev.vigil.events.TransactionLabel;
import dev.vigil.schemas.ReliableProducer;
import dev.vigil.schemas.TopicSerdes;
import dev.vigil.schemas.Topics;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Runs the {@link LabelRelay} every poll interval on its own thread, from start to shutdown. */
@ApplicationScoped
class LabelRelayService {

    private static final Logger LOG = Logger.getLogger(LabelRelayService.class);

    private ScheduledExecutorService executor;
    private KafkaProducer<String, TransactionLabel> producer;

    void start(
            @Observes StartupEvent event,
            AgroalDataSource dataSource,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "apicurio.registry.url") String registryUrl,
            AlertsConfig alerts,
            MeterRegistry meters) {
        Duration pollInterval = alerts.outbox().pollInterval();
        int batchSize = alerts.outbox().batchSize();
        TopicSerdes serdes = new TopicSerdes(registryUrl, true);
        Map<String, Object> config = ReliableProducer.settings(bootstrapServers, "vigil-alerts-api-labels");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        producer = new KafkaProducer<>(
                config,
                serdes.keySerde(Topics.TRANSACTION_LABELS).serializer(),
                serdes.valueSerde(Topics.TRANSACTION_LABELS).serializer());
        LabelRelay relay = new LabelRelay(dataSource, producer, batchSize, 15_000, new OutboxMetrics(meters));
        executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "vigil-label-relay"));
        executor.scheduleWithFixedDelay(() -> drain(relay), 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (executor != null) {
            executor.shutdown();
            executor.awaitTermination(10, TimeUnit.SECONDS);
            producer.close(Duration.ofSeconds(5));
        }
    }

    private static void drain(LabelRelay relay) {
        try {
            while (relay.drainOnce() > 0) {
                // keep going while there is a backlog
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // the rows stay unsent and are tried again at the next interval
            LOG.warnf("labels not relayed yet, will retry: %s", e.getClass().getName());
        }
    }
}
