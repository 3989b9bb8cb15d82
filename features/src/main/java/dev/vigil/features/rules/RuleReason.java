package dev.vigil.features.rules;

import java.util.Objects;

/**
 * One reason behind a score.
 *
 * @param code         stable identifier
 * @param description  a sentence for people; never holds card data
 * @param contribution share of the score attributed to this reason (the shares add up to the score)
 */
public record RuleReason(ReasonCode code, String description, double contribution) {

    public RuleReason {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(description, "description");
    }
}
