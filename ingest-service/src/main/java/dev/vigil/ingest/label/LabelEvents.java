package dev.vigil.ingest.label;

import dev.vigil.events.TransactionLabel;
import dev.vigil.schemas.LabelIds;
import java.time.Instant;

/** A validated label as the Avro record that goes to Kafka. */
final class LabelEvents {

    private LabelEvents() {}

    static TransactionLabel toEvent(LabelRequest request, String cardToken, Instant now) {
        return TransactionLabel.newBuilder()
                .setLabelId(labelId(request))
                .setBankId(request.bankId())
                .setTransactionId(request.transactionId())
                .setCardToken(cardToken)
                .setLabel(request.label())
                .setSource(request.source())
                .setLabelledAt(request.labelledAt() == null ? now : request.labelledAt())
                .setTransactionTime(request.transactionTime())
                .setNote(request.note())
                .build();
    }

    /** {@link LabelIds}: a retried label keeps its id, so readers can drop the copy. */
    static String labelId(LabelRequest request) {
        return LabelIds.of(request.bankId(), request.transactionId(), request.label(), request.source());
    }
}
