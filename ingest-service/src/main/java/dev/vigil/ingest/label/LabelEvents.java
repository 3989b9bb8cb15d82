package dev.vigil.ingest.label;

import dev.vigil.events.TransactionLabel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** A validated label as the Avro record that goes to Kafka. */
final class LabelEvents {

    private LabelEvents() {
    }

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

    /**
     * A name-based UUID of (bank, transaction, label, source): a retried label keeps its id, so
     * readers can drop the copy. The parts cannot contain a line break (identifiers, enum names),
     * so joining them with one is unambiguous.
     */
    static String labelId(LabelRequest request) {
        String name = String.join("\n", request.bankId(), request.transactionId(), request.label().name(),
                request.source().name());
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
