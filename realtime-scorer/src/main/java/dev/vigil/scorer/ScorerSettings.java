package dev.vigil.scorer;

import dev.vigil.features.rules.RulesConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * What the topology needs to know beyond its serdes.
 *
 * @param alertThreshold transactions scoring at or above it become alerts
 * @param dedupRetention how long, in stream time, a (card, transaction id) pair is remembered
 * @param rules          thresholds of the rules scorer
 * @param applicationId  names this application in dead-letter headers
 */
record ScorerSettings(double alertThreshold, Duration dedupRetention, RulesConfig rules, String applicationId) {

    ScorerSettings {
        Objects.requireNonNull(dedupRetention, "dedupRetention");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(applicationId, "applicationId");
        if (!(alertThreshold > 0 && alertThreshold <= 1)) {
            throw new IllegalArgumentException("alertThreshold must be in (0, 1]: " + alertThreshold);
        }
        if (dedupRetention.toMinutes() < 1) {
            throw new IllegalArgumentException("dedupRetention must be at least a minute: " + dedupRetention);
        }
    }
}
