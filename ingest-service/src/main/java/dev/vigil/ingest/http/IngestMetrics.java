package dev.vigil.ingest.http;

import dev.vigil.problems.FieldError;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * What the API did with requests, for Prometheus: accepted, replayed, rejected by field,
 * conflicting, unavailable. Tags take only values from fixed sets, never request content.
 */
@Singleton
public class IngestMetrics {

    /** {@code transactions[17].amount} counts as {@code amount}. */
    private static final Pattern ELEMENT_PREFIX = Pattern.compile("^[A-Za-z]+\\[[0-9]+]\\.");
    /** Whole-body problems (malformed JSON, not an object) and batch-level fields. */
    private static final Set<String> GENERAL_FIELDS = Set.of("body", "transactions");

    private final MeterRegistry registry;
    /** Looked up once: building a meter's id and finding it in the registry on every request costs more than counting. */
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void accepted(String endpoint, int records) {
        counter("vigil.ingest.accepted", "Records produced and acknowledged", endpoint)
                .increment(records);
    }

    /** Retries of already accepted records, answered without producing again. */
    public void replayed(String endpoint, int records) {
        counter("vigil.ingest.replayed", "Retried records answered without producing again", endpoint)
                .increment(records);
    }

    public void conflict(String endpoint) {
        counter("vigil.ingest.conflicts", "Requests reusing an accepted id with other content", endpoint)
                .increment();
    }

    public void unavailable(String endpoint) {
        counter(
                        "vigil.ingest.unavailable",
                        "Requests answered 503: Kafka or the registry did not take the records",
                        endpoint)
                .increment();
    }

    /**
     * One count per field error, tagged with the field; fields outside {@code fields} (unknown
     * or server-owned ones the sender made up) count as {@code unexpected_field}.
     */
    public void rejected(String endpoint, List<FieldError> errors, Set<String> fields) {
        for (FieldError error : errors) {
            String field = ELEMENT_PREFIX.matcher(error.field()).replaceFirst("");
            String tag = fields.contains(field) || GENERAL_FIELDS.contains(field) ? field : "unexpected_field";
            Counter.builder("vigil.ingest.rejections")
                    .description("Field errors in refused requests, by field")
                    .tag("endpoint", endpoint)
                    .tag("field", tag)
                    .register(registry)
                    .increment();
        }
    }

    private Counter counter(String name, String description, String endpoint) {
        return counters.computeIfAbsent(name + '/' + endpoint, key -> Counter.builder(name)
                .description(description)
                .tag("endpoint", endpoint)
                .register(registry));
    }
}
