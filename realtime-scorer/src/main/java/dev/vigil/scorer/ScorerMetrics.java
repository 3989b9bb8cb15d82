package dev.vigil.scorer;

import dev.vigil.events.Reason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;

/** The scorer's own meters (Kafka Streams' are bound by the Quarkus extension). */
final class ScorerMetrics {

    static final String MODEL = "vigil.scorer.model";
    static final String MODELS_REJECTED = "vigil.scorer.models.rejected";

    private final MeterRegistry registry;
    private final Counter duplicates;
    private final Counter expired;
    private final Timer latency;

    ScorerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.duplicates = Counter.builder("vigil.scorer.duplicates")
                .description("Transactions skipped because their (card, transaction id) was already scored")
                .register(registry);
        this.expired = Counter.builder("vigil.scorer.profiles.expired")
                .description("Card profiles deleted after being idle for the configured period (stream time)")
                .register(registry);
        this.latency = Timer.builder("vigil.scorer.latency")
                .description("From the ingest service accepting a transaction (receivedAt) to its score")
                .publishPercentileHistogram()
                .register(registry);
    }

    void scored(Verdict verdict, Instant receivedAt, Instant scoredAt) {
        Counter.builder("vigil.scorer.scored")
                .description("Transactions scored, by decision and the model (or rule set) that decided")
                .tags("decision", verdict.decision().name(), "model", verdict.modelVersion())
                .register(registry).increment();
        for (Reason reason : verdict.reasons()) {
            Counter.builder("vigil.scorer.decisions")
                    .description("Scored transactions by decision and reason code (one count per reason)")
                    .tags("decision", verdict.decision().name(), "reason", reason.getCode())
                    .register(registry).increment();
        }
        // a clock behind the ingest service's would give a negative time: count it as zero
        latency.record(Duration.between(receivedAt, scoredAt).isNegative() ? Duration.ZERO
                : Duration.between(receivedAt, scoredAt));
    }

    void alerted(Verdict verdict) {
        for (Reason reason : verdict.reasons()) {
            Counter.builder("vigil.scorer.alerts")
                    .description("Alerts emitted, by reason code (an alert with two reasons counts under both)")
                    .tag("reason", reason.getCode())
                    .register(registry).increment();
        }
    }

    /** The gauge {@value #MODEL}{scope, version} is 1 for the model in force per scope; the replaced one is removed. */
    void modelInstalled(String scope, String previousVersion, String version) {
        if (previousVersion != null) {
            registry.find(MODEL).tags(Tags.of("scope", scope, "version", previousVersion)).meters()
                    .forEach(registry::remove);
        }
        if (version != null) {
            Gauge.builder(MODEL, () -> 1)
                    .description("The model in force per scope (value 1, the version in a tag)")
                    .tags("scope", scope, "version", version)
                    .register(registry);
        }
    }

    void modelRejected(String scope) {
        Counter.builder(MODELS_REJECTED)
                .description("Model bundles refused (unreadable or invalid); the previous model kept scoring")
                .tag("scope", scope)
                .register(registry).increment();
    }

    void profilesExpired(int count) {
        expired.increment(count);
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
