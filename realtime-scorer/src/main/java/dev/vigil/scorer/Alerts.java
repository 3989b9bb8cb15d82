package dev.vigil.scorer;

import dev.vigil.events.Alert;
import dev.vigil.events.Transaction;
import dev.vigil.features.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** Builds the alert of a scored transaction (its score record is {@link Verdict#scoreRecord}). */
final class Alerts {

    private Alerts() {}

    /**
     * A name-based UUID of the bank and the transaction id: scoring the same transaction again
     * (a replay, a restored state) yields the same id, which alerts-api upserts on. The length
     * prefix keeps ("a:b", "c") and ("a", "b:c") apart.
     */
    static String alertId(String bankId, String transactionId) {
        String name = "vigil-alert:" + bankId.length() + ":" + bankId + ":" + transactionId;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    static Alert of(Transaction tx, Verdict verdict, Instant scoredAt) {
        return Alert.newBuilder()
                .setAlertId(alertId(tx.getBankId(), tx.getTransactionId()))
                .setBankId(tx.getBankId())
                .setTransactionId(tx.getTransactionId())
                .setCardToken(tx.getCardToken())
                .setCardBin(tx.getCardBin())
                .setCardLast4(tx.getCardLast4())
                .setAmountMinor(tx.getAmountMinor())
                .setCurrency(tx.getCurrency())
                .setMerchantId(tx.getMerchantId())
                .setMcc(tx.getMcc())
                .setMerchantCountry(tx.getMerchantCountry())
                .setChannel(tx.getChannel())
                .setEventTime(tx.getEventTime())
                .setScore(verdict.score())
                .setDecision(verdict.decision())
                .setReasons(verdict.reasons())
                .setModelVersion(verdict.modelVersion())
                .setScoredAt(scoredAt)
                .build();
    }
}
