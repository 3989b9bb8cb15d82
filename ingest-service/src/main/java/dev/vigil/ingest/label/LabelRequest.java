package dev.vigil.ingest.label;

import dev.vigil.events.Label;
import dev.vigil.events.LabelSource;
import dev.vigil.ingest.card.CardNumber;
import java.time.Instant;

/**
 * A label that passed validation, still holding the card number (hidden by its {@code toString}).
 *
 * @param labelledAt      {@code null} when the sender did not say: the service uses "now"
 * @param transactionTime {@code null} when unknown
 * @param note            {@code null} when absent
 */
record LabelRequest(
        String transactionId,
        String bankId,
        CardNumber card,
        Label label,
        LabelSource source,
        Instant labelledAt,
        Instant transactionTime,
        String note) {}
