package dev.vigil.alerts.query;

import java.time.Instant;
import java.util.List;

/**
 * An alert as served over REST (docs/architecture.md). Only the masked card leaves: BIN and last four.
 * {@code version} is what a disposition must name (optimistic concurrency).
 */
public record AlertView(
        String alertId,
        String bankId,
        String transactionId,
        String cardToken,
        String cardMasked,
        String amount,
        long amountMinor,
        String currency,
        String merchantId,
        String mcc,
        String merchantCountry,
        String channel,
        Instant eventTime,
        double score,
        String decision,
        List<AlertReason> reasons,
        String modelVersion,
        String status,
        Instant scoredAt,
        Instant createdAt,
        int version,
        Disposition disposition) {

    /** The analyst's decision, null while the alert is OPEN. */
    public record Disposition(String analyst, String note, Instant decidedAt) {}
}
