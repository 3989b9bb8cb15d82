package dev.vigil.alerts.sink;

import dev.vigil.alerts.query.AlertReason;
import dev.vigil.alerts.query.AlertView;
import dev.vigil.events.Alert;
import dev.vigil.schemas.MinorUnits;
import java.time.Instant;
import java.util.List;

/** An alert as the sink stores it: the topic's record with the card masked, and when it was read. */
record NewAlert(
        String alertId,
        String bankId,
        String transactionId,
        String cardToken,
        String cardMasked,
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
        Instant scoredAt,
        Instant createdAt) {

    static NewAlert of(Alert alert, Instant createdAt) {
        List<AlertReason> reasons = alert.getReasons().stream()
                .map(r -> new AlertReason(r.getCode(), r.getDescription(), r.getContribution()))
                .toList();
        return new NewAlert(
                alert.getAlertId(),
                alert.getBankId(),
                alert.getTransactionId(),
                alert.getCardToken(),
                CardMask.of(alert.getCardBin(), alert.getCardLast4()),
                alert.getAmountMinor(),
                alert.getCurrency(),
                alert.getMerchantId(),
                alert.getMcc(),
                alert.getMerchantCountry(),
                alert.getChannel().name(),
                alert.getEventTime(),
                alert.getScore(),
                alert.getDecision().name(),
                reasons,
                alert.getModelVersion(),
                alert.getScoredAt(),
                createdAt);
    }

    /** As served, once stored. */
    AlertView view() {
        return new AlertView(
                alertId,
                bankId,
                transactionId,
                cardToken,
                cardMasked,
                MinorUnits.decimal(amountMinor, currency),
                amountMinor,
                currency,
                merchantId,
                mcc,
                merchantCountry,
                channel,
                eventTime,
                score,
                decision,
                reasons,
                modelVersion,
                "OPEN",
                scoredAt,
                createdAt,
                0,
                null);
    }
}
