package dev.vigil.schemas;

import dev.vigil.events.Label;
import dev.vigil.events.LabelSource;
import dev.vigil.events.TransactionLabel;
import java.time.Instant;

/**
 * The {@code transaction-labels} record of a label sent in, as every producer of the topic writes it:
 * ingest for what senders post, the load generator when it writes straight to Kafka, and the
 * trainer's synthetic benchmark history. Its id is {@link LabelIds}', so a label sent twice, by either
 * way, is the same record. (alerts-api relays analysts' decisions with the ids it stored for them.)
 */
public final class LabelRecords {

    private LabelRecords() {}

    /**
     * @param labelledAt when the label became known (a chargeback's date): the time it counts from
     * @param transactionTime the labelled transaction's event time, when the sender gave it
     * @param note free text from the sender, or null
     */
    public static TransactionLabel of(
            String bankId,
            String transactionId,
            String cardToken,
            Label label,
            LabelSource source,
            Instant labelledAt,
            Instant transactionTime,
            String note) {
        return TransactionLabel.newBuilder()
                .setLabelId(LabelIds.of(bankId, transactionId, label, source))
                .setBankId(bankId)
                .setTransactionId(transactionId)
                .setCardToken(cardToken)
                .setLabel(label)
                .setSource(source)
                .setLabelledAt(labelledAt)
                .setTransactionTime(transactionTime)
                .setNote(note)
                .build();
    }
}
