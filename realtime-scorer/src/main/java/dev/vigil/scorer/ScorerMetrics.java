package dev.vigil.scorer;

import dev.vigil.features.rules.RiskScore;
import dev.vigil.features.rules.RuleReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;

/** The scorer's own meters (Kafka Streams' are bound by the Quarkus extension). */
final class ScorerMetrics {

    private final MeterRegistry registry;
    private final Counter duplicates;
    private final Timer latency;

    ScorerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.duplicates = Counter.builder("vigil.scorer.duplicates")
                .description("Transactions skipped because their (card, transaction id) was already scored")
                .register(registry);
        this.latency = Timer.builder("vigil.scorer.latency")
                .description("From the ingest service accepting a transaction (receivedAt) to its score")
                .publishPercentileHistogram()
                .register(registry);
    }

    void scored(RiskScore score, Instant receivedAt, Instant scoredAt) {
        Counter.builder("vigil.scorer.scored")
                .description("Transactions scored, by decision")
                .tag("decision", score.decision().name())
                .register(registry).increment();
        // a clock behind the ingest service's would give a negative time: count it as zero
        latency.record(Duration.between(receivedAt, scoredAt).isNegative() ? Duration.ZERO
                : Duration.between(receivedAt, scoredAt));
    }

    void alerted(RiskScore score) {
        for (RuleReason reason : score.reasons()) {
            Counter.builder("vigil.scorer.alerts")
                    .description("Alerts emitted, by reason code (an alert with two reasons counts under both)")
                    .tag("reason", reason.code().name())
                    .register(registry).increment();
        }
    }

    void duplicate() {
        duplicates.increment();
    }

    void deadLettered(Throwable cause) {
        Counter.builder("vigil.scorer.dead.letters")
                .description("Records sent to the dead-letter topic, by cause")
                .tag("cause", cause.getClass().getSimpleName())
                .register(registry).increment();
    }
}
