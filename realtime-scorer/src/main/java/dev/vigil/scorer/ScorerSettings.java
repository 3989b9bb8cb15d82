package dev.vigil.scorer;

import dev.vigil.features.rules.RulesConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * What the topology needs to know beyond its serdes.
 *
 * @param dedupRetention    how long, in stream time, a (card, transaction id) pair is remembered
 * @param rules             thresholds of the rules scorer
 * @param applicationId     names this application in dead-letter headers
 * @param profileIdleExpiry a card profile not updated for this long (stream time) is deleted
 * @param profileExpiryScan how often, in stream time, idle profiles are looked for
 * @param budget            the alert budget per scope and the ceiling that refuses a model
 */
record ScorerSettings(
        Duration dedupRetention,
        RulesConfig rules,
        String applicationId,
        Duration profileIdleExpiry,
        Duration profileExpiryScan,
        AlertBudget budget) {

    ScorerSettings {
        Objects.requireNonNull(dedupRetention, "dedupRetention");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(profileIdleExpiry, "profileIdleExpiry");
        Objects.requireNonNull(profileExpiryScan, "profileExpiryScan");
        Objects.requireNonNull(budget, "budget");
        if (dedupRetention.toMinutes() < 1) {
            throw new IllegalArgumentException("dedupRetention must be at least a minute: " + dedupRetention);
        }
        if (profileExpiryScan.toMinutes() < 1 || profileIdleExpiry.compareTo(profileExpiryScan) < 0) {
            throw new IllegalArgumentException(
                    "profileExpiryScan must be at least a minute and at most profileIdleExpiry: " + profileExpiryScan
                            + ", " + profileIdleExpiry);
        }
    }
}
