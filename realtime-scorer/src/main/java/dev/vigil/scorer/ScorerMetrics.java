package dev.vigil.scorer;

import dev.vigil.events.Decision;
import dev.vigil.events.Reason;
import dev.vigil.features.Verdict;
import dev.vigil.features.model.ModelEvaluator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** The scorer's own meters (Kafka Streams' are bound by the Quarkus extension). */
final class ScorerMetrics {

    static final String MODEL = "vigil.scorer.model";
    static final String MODEL_TRAINED = "vigil.scorer.model.trained.timestamp";
    static final String MODEL_METRIC = "vigil.scorer.model.metric";
    static final String MODELS_REJECTED = "vigil.scorer.models.rejected";
    static final String MODEL_FALLBACKS = "vigil.scorer.model.fallbacks";
    static final String ALERT_RATE = "vigil.scorer.alert.rate";
    static final String ALERT_BUDGET = "vigil.scorer.alert.budget";
    static final String ALERT_CEILING = "vigil.scorer.alert.ceiling";
    /** Score buckets: fine at the top, where decisions are made. */
    private static final double[] SCORE_BUCKETS = {
        0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.99, 1.0
    };

    private final MeterRegistry registry;
    private final Counter duplicates;
    private final Counter expired;
    private final Timer latency;
    private final Counter alerts;
    private final Counter merchantRiskApplied;
    private final DistributionSummary scores;
    /** Per decision, the counters by model version and by reason code; never removed from the registry. */
    private final Map<String, Map<String, Counter>> scored = byDecision();

    private final Map<String, Map<String, Counter>> decisions = byDecision();
    private final Map<String, Counter> alertsByReason = new ConcurrentHashMap<>();

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
        this.alerts = Counter.builder("vigil.scorer.alerted")
                .description("Alerts emitted (each once, whatever its reasons)")
                .register(registry);
        this.merchantRiskApplied = Counter.builder("vigil.scorer.merchant.risk.applied")
                .description("merchant-risk records (updates and deletions) applied to the global store")
                .register(registry);
        this.scores = DistributionSummary.builder("vigil.scorer.score")
                .description("Scores of every scored transaction, for the distribution and its drift")
                .serviceLevelObjectives(SCORE_BUCKETS)
                .register(registry);
    }

    void scored(Verdict verdict, Instant receivedAt, Instant scoredAt) {
        String decision = verdict.decision().name();
        // per record: the registry's look-up builds an id and hashes its tags each time, so keep the counters
        scored.get(decision)
                .computeIfAbsent(verdict.modelVersion(), model -> Counter.builder("vigil.scorer.scored")
                        .description("Transactions scored, by decision and the model (or rule set) that decided")
                        .tags("decision", decision, "model", model)
                        .register(registry))
                .increment();
        for (Reason reason : verdict.reasons()) {
            decisions
                    .get(decision)
                    .computeIfAbsent(reason.getCode(), code -> Counter.builder("vigil.scorer.decisions")
                            .description("Scored transactions by decision and reason code (one count per reason)")
                            .tags("decision", decision, "reason", code)
                            .register(registry))
                    .increment();
        }
        scores.record(verdict.score());
        // a clock behind the ingest service's would give a negative time: count it as zero
        latency.record(
                Duration.between(receivedAt, scoredAt).isNegative()
                        ? Duration.ZERO
                        : Duration.between(receivedAt, scoredAt));
    }

    void alerted(Verdict verdict) {
        alerts.increment();
        for (Reason reason : verdict.reasons()) {
            alertsByReason
                    .computeIfAbsent(reason.getCode(), code -> Counter.builder("vigil.scorer.alerts")
                            .description("Alerts emitted, by reason code (an alert with two reasons counts under both)")
                            .tag("reason", code)
                            .register(registry))
                    .increment();
        }
    }

    /**
     * Per scope, the model in force: {@value #MODEL}{scope, version} = 1, when it was trained
     * ({@value #MODEL_TRAINED}) and its test-window metrics ({@value #MODEL_METRIC}{metric}), the
     * reference that live scores drift from. The replaced model's gauges are removed.
     */
    void modelInstalled(String scope, ModelEvaluator previous, ModelEvaluator model) {
        if (previous != null) {
            for (String name : new String[] {MODEL, MODEL_TRAINED, MODEL_METRIC}) {
                registry.find(name)
                        .tags(Tags.of("scope", scope, "version", previous.modelVersion()))
                        .meters()
                        .forEach(registry::remove);
            }
        }
        if (model == null) {
            return;
        }
        Tags tags = Tags.of("scope", scope, "version", model.modelVersion());
        Gauge.builder(MODEL, () -> 1)
                .description("The model in force per scope (value 1, the version in a tag)")
                .tags(tags)
                .register(registry);
        double trainedAt = model.trainedAt().toEpochMilli() / 1000.0;
        Gauge.builder(MODEL_TRAINED, () -> trainedAt)
                .baseUnit("seconds")
                .description("When the model in force was trained (Unix seconds)")
                .tags(tags)
                .register(registry);
        model.testMetrics().forEach((metric, value) -> Gauge.builder(MODEL_METRIC, () -> value)
                .description("The model in force's metrics on its test window")
                .tags(tags.and("metric", metric))
                .register(registry));
    }

    void modelRejected(String scope) {
        Counter.builder(MODELS_REJECTED)
                .description("Model bundles refused (unreadable or invalid); the previous model kept scoring")
                .tag("scope", scope)
                .register(registry)
                .increment();
    }

    /**
     * A scope's live alert rate over its window ({@value #ALERT_RATE}), its budget and the ceiling
     * above which a model is refused: what Prometheus compares.
     */
    void alertBudget(String scope, Supplier<Number> liveRate, double budget, double ceiling) {
        Gauge.builder(ALERT_RATE, liveRate)
                .description("Share of the scope's latest scored transactions that raised an alert (a window by count)")
                .tag("scope", scope)
                .register(registry);
        Gauge.builder(ALERT_BUDGET, () -> budget)
                .description("The scope's alert budget: the share of transactions its analysts can work")
                .tag("scope", scope)
                .register(registry);
        Gauge.builder(ALERT_CEILING, () -> ceiling)
                .description("Above this live alert rate over a whole window a newly installed model is refused")
                .tag("scope", scope)
                .register(registry);
    }

    void fellBack(CurrentModels.Fallback fallback) {
        Counter.builder(MODEL_FALLBACKS)
                .description("Models refused live for alerting above the ceiling, and what scores instead")
                .tags("scope", fallback.scope(), "from", fallback.from(), "to", fallback.to())
                .register(registry)
                .increment();
    }

    private static Map<String, Map<String, Counter>> byDecision() {
        Map<String, Map<String, Counter>> byDecision = new HashMap<>();
        for (Decision decision : Decision.values()) {
            byDecision.put(decision.name(), new ConcurrentHashMap<>());
        }
        return Map.copyOf(byDecision);
    }

    void profilesExpired(int count) {
        expired.increment(count);
    }

    void merchantRiskApplied() {
        merchantRiskApplied.increment();
    }

    void duplicate() {
        duplicates.increment();
    }

    /** @param causeClass the failure's class name; counted by its simple name */
    void deadLettered(String causeClass) {
        Counter.builder("vigil.scorer.dead.letters")
                .description("Records sent to the dead-letter topic, by cause")
                .tag("cause", causeClass.substring(causeClass.lastIndexOf('.') + 1))
                .register(registry)
                .increment();
    }
}
