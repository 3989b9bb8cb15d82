package dev.vigil.features.rules;

import dev.vigil.events.Decision;
import java.util.List;
import java.util.Objects;

/**
 * What a scorer says about one transaction.
 *
 * @param score    in [0, 1]
 * @param decision the recommendation for that score
 * @param reasons  the rules that fired, strongest first; empty for a clean transaction
 */
public record RiskScore(double score, Decision decision, List<RuleReason> reasons) {

    public RiskScore {
        Objects.requireNonNull(decision, "decision");
        reasons = List.copyOf(reasons);
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be in [0, 1]: " + score);
        }
    }
}
