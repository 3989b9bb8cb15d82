package dev.vigil.ingest.transaction;

import dev.vigil.card.CardToken;
import dev.vigil.events.Transaction;
import dev.vigil.schemas.TransactionRecords;
import java.time.Instant;

/** A validated request as the Avro record that goes to Kafka. */
final class TransactionEvents {

    private TransactionEvents() {}

    static Transaction toEvent(TransactionRequest request, CardToken card, Instant receivedAt) {
        return TransactionRecords.builder(card, request.timestamp(), receivedAt)
                .setTransactionId(request.transactionId())
                .setBankId(request.bankId())
                .setAmountMinor(request.amountMinor())
                .setCurrency(request.currency())
                .setMerchantId(request.merchantId())
                .setMcc(request.mcc())
                .setMerchantCountry(request.merchantCountry())
                .setTerminalId(request.terminalId())
                .setChannel(request.channel())
                .setLatitude(request.latitude())
                .setLongitude(request.longitude())
                .build();
    }
}
