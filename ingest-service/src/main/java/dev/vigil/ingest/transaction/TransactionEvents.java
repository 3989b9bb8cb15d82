package dev.vigil.ingest.transaction;

import dev.vigil.card.CardToken;
import dev.vigil.events.Transaction;
import java.time.Instant;

/** A validated request as the Avro record that goes to Kafka. */
final class TransactionEvents {

    private TransactionEvents() {}

    static Transaction toEvent(TransactionRequest request, CardToken card, Instant receivedAt) {
        return Transaction.newBuilder()
                .setTransactionId(request.transactionId())
                .setBankId(request.bankId())
                .setCardToken(card.token())
                .setCardBin(card.bin())
                .setCardLast4(card.last4())
                .setAmountMinor(request.amountMinor())
                .setCurrency(request.currency())
                .setMerchantId(request.merchantId())
                .setMcc(request.mcc())
                .setMerchantCountry(request.merchantCountry())
                .setTerminalId(request.terminalId())
                .setChannel(request.channel())
                .setLatitude(request.latitude())
                .setLongitude(request.longitude())
                .setEventTime(request.timestamp().toInstant())
                .setUtcOffsetMinutes(request.timestamp().getOffset().getTotalSeconds() / 60)
                .setReceivedAt(receivedAt)
                .setCardCountry(card.country())
                .build();
    }
}
