package dev.vigil.alerts.disposition;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The label outbox's {@code vigil_alerts_outbox_*} meters: labels delivered to
 * {@code transaction-labels}, and labels committed but not delivered yet as the relay last saw
 * them. A pending count that only grows means the relay cannot reach the broker.
 */
final class OutboxMetrics {

    static final String DELIVERED = "vigil.alerts.outbox.delivered";
    static final String PENDING = "vigil.alerts.outbox.pending";

    private final Counter delivered;
    private final AtomicLong pending = new AtomicLong();

    OutboxMetrics(MeterRegistry registry) {
        delivered = Counter.builder(DELIVERED)
                .description("Labels acknowledged by the broker on transaction-labels and marked sent")
                .register(registry);
        registry.gauge(PENDING, pending);
    }

    void pending(long labels) {
        pending.set(labels);
    }

    void delivered(int labels, long stillPending) {
        delivered.increment(labels);
        pending.set(stillPending);
    }
}
