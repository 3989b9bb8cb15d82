package dev.vigil.alerts.query;

import java.time.Instant;

/**
 * What a page of alerts is drawn from: every criterion is optional (null), {@code from} inclusive
 * and {@code to} exclusive on the transaction's event time; {@code after} continues a previous page.
 */
record AlertFilter(
        String bankId,
        AlertStatus status,
        String cardToken,
        String merchantId,
        Instant from,
        Instant to,
        Double minScore,
        Cursor after,
        int limit) {}
