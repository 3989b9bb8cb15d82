package dev.vigil.ingest.transaction;

import dev.vigil.events.Transaction;
import dev.vigil.ingest.card.CardToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/** A validated request as the Avro record that goes to Kafka, and the fingerprint of its content. */
final class TransactionEvents {

    private TransactionEvents() {
    }

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

    /**
     * SHA-256 of the record's Avro encoding without its {@code receivedAt}: two submissions with
     * the same content have the same hash however they spelled it ({@code 12.3} or {@code "12.30"}),
     * and the hash covers the card token, never the card number.
     */
    static String contentHash(Transaction event) {
        Transaction canonical = Transaction.newBuilder(event).setReceivedAt(Instant.EPOCH).build();
        try {
            ByteBuffer encoded = canonical.toByteBuffer();
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(encoded);
            return HexFormat.of().formatHex(sha256.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a transaction", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
