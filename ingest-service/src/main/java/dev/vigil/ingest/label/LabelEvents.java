package dev.vigil.ingest.label;

import dev.vigil.events.TransactionLabel;
import dev.vigil.schemas.LabelIds;
import dev.vigil.schemas.LabelRecords;
import java.time.Instant;

/** A validated label as the Avro record that goes to Kafka. */
final class LabelEvents {

    private LabelEvents() {}

    static TransactionLabel toEvent(LabelRequest request, String cardToken, Instant now) {
        return LabelRecords.of(
                request.bankId(),
                request.transactionId(),
                cardToken,
                request.label(),
                request.source(),
                request.labelledAt() == null ? now : request.labelledAt(),
                request.transactionTime(),
                request.note());
    }

    /** {@link LabelIds}: a retried label keeps its id, so readers can drop the copy. */
    static String labelId(LabelRequest request) {
        return LabelIds.of(request.bankId(), request.transactionId(), request.label(), request.source());
    }
}
