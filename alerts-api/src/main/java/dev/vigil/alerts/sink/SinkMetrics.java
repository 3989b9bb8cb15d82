package dev.vigil.alerts.sink;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/** The sink's {@code vigil_alerts_*} meters. */
final class SinkMetrics {

    private final Counter stored;
    private final Counter redelivered;
    private final Counter deadLettered;
    private final Counter retries;
    private final AtomicLong lag = new AtomicLong();
    private final Timer latency;

    SinkMetrics(MeterRegistry registry) {
        stored = Counter.builder("vigil.alerts.stored")
                .description("Alerts stored for the first time")
                .register(registry);
        redelivered = Counter.builder("vigil.alerts.redelivered")
                .description("Alerts read again that were stored already (skipped)")
                .register(registry);
        deadLettered = Counter.builder("vigil.alerts.dead.lettered")
                .description("Records of fraud-alerts that could not be read, sent to dead-letters")
                .register(registry);
        retries = Counter.builder("vigil.alerts.sink.retries")
                .description("Batches read again because the database or the registry was unavailable")
                .register(registry);
        registry.gauge("vigil.alerts.sink.lag", lag);
        // fixed buckets from tens of milliseconds (normal) to a minute (a stalled sink), for a p99 in Prometheus
        latency = Timer.builder("vigil.alerts.latency")
                .description("From the scorer's decision (scoredAt) to the alert's first commit in the alert store")
                .serviceLevelObjectives(
                        Duration.ofMillis(50),
                        Duration.ofMillis(100),
                        Duration.ofMillis(250),
                        Duration.ofMillis(500),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(15),
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(60))
                .register(registry);
    }

    /** Alerts stored for the first time, each timed from its score to {@code storedAt}. */
    void latencies(List<NewAlert> inserted, Instant storedAt) {
        for (NewAlert alert : inserted) {
            latency.record(Duration.between(alert.scoredAt(), storedAt).abs());
        }
    }

    void stored(int inserted, int skipped, int poison) {
        stored.increment(inserted);
        redelivered.increment(skipped);
        deadLettered.increment(poison);
    }

    void retried() {
        retries.increment();
    }

    /** Records on the assigned partitions not read yet, as the consumer last saw it. */
    void lag(Consumer<?, ?> consumer) {
        long total = 0;
        for (TopicPartition partition : consumer.assignment()) {
            total += consumer.currentLag(partition).orElse(0);
        }
        lag.set(total);
    }
}
