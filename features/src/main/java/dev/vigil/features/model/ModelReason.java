package dev.vigil.features.model;

import dev.vigil.features.rules.ReasonCode;
import java.util.Objects;

/**
 * One reason behind a model's score: the features that pushed the score up most, grouped by the
 * code they map to.
 *
 * @param code         stable identifier
 * @param description  a sentence for people; never holds card data
 * @param contribution share of the score attributed to this reason (positive contributions only,
 *                     so the shares of all reasons add up to at most the score)
 */
public record ModelReason(ReasonCode code, String description, double contribution) {

    public ModelReason {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(description, "description");
    }
}
