package dev.vigil.schemas;

import dev.vigil.card.CardToken;
import dev.vigil.events.Transaction;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * The {@code transactions} record of a card payment, as every producer of the topic writes it:
 * ingest for what senders post, the load generator when it writes straight to Kafka, and the
 * trainer's synthetic benchmark history. One home, so a writer cannot fill the card fields or the
 * event time its own way and hand the scorer a record ingest would never have written.
 */
public final class TransactionRecords {

    private TransactionRecords() {}

    /**
     * A builder with the card and the times set: the card number replaced by what is kept of it
     * ({@link CardToken}: token, BIN, last four, issuer's country), the event time as an instant and
     * the sender's UTC offset (the local-time features read both), and when the record was received.
     * The caller sets what the sender said of the payment itself (ids, amount, merchant, channel,
     * location) and builds it.
     */
    public static Transaction.Builder builder(CardToken card, OffsetDateTime eventTime, Instant receivedAt) {
        return Transaction.newBuilder()
                .setCardToken(card.token())
                .setCardBin(card.bin())
                .setCardLast4(card.last4())
                .setCardCountry(card.country())
                .setEventTime(eventTime.toInstant())
                .setUtcOffsetMinutes(eventTime.getOffset().getTotalSeconds() / 60)
                .setReceivedAt(receivedAt);
    }
}
