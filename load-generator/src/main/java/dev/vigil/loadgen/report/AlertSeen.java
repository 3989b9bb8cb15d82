package dev.vigil.loadgen.report;

import java.time.Instant;
import java.util.List;

/**
 * An alert read back from alerts-api: which transaction it flags, when it was stored, what decided it
 * (a model's version, or the rules') and the codes of its reasons, strongest first.
 */
public record AlertSeen(
        String transactionId, String bankId, Instant createdAt, String modelVersion, List<String> reasons) {

    public AlertSeen {
        reasons = List.copyOf(reasons);
    }

    /** The reason that weighed most, which the report credits the alert to; {@code none} when it gave none. */
    public String topReason() {
        return reasons.isEmpty() ? "none" : reasons.get(0);
    }
}
