package dev.vigil.loadgen.backtest;

import dev.vigil.events.Label;
import dev.vigil.events.TransactionLabel;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The ground truth a backtest measures against: the labels on {@code transaction-labels}, each with
 * the time it arrived. A transaction's latest label decides (as in training), and a card counts as
 * known to be compromised from the arrival of its first fraud label (the published test set removes
 * such cards' later transactions), counting only frauds of transactions from {@code compromisedFrom} on:
 * the Handbook counts the frauds from its training window's start, not those of all history.
 */
final class LabelTruth {

    private final Map<String, TransactionLabel> latest = new HashMap<>();
    private final Map<String, Instant> firstFraudKnown = new HashMap<>();
    private final Instant compromisedFrom;

    /** Every fraud label makes its card known-compromised. */
    LabelTruth() {
        this(Instant.MIN);
    }

    /**
     * Only a fraud of a transaction at or after {@code compromisedFrom} makes its card known-compromised
     * (a label without the transaction's time counts).
     */
    LabelTruth(Instant compromisedFrom) {
        this.compromisedFrom = compromisedFrom;
    }

    void add(TransactionLabel label) {
        latest.merge(
                key(label.getBankId(), label.getTransactionId()),
                label,
                (a, b) -> b.getLabelledAt().isBefore(a.getLabelledAt()) ? a : b);
        if (label.getLabel() == Label.FRAUD
                && (label.getTransactionTime() == null
                        || !label.getTransactionTime().isBefore(compromisedFrom))) {
            firstFraudKnown.merge(label.getCardToken(), label.getLabelledAt(), (a, b) -> a.isBefore(b) ? a : b);
        }
    }

    boolean fraud(String bankId, String transactionId) {
        TransactionLabel label = latest.get(key(bankId, transactionId));
        return label != null && label.getLabel() == Label.FRAUD;
    }

    /** Per card token, when its first fraud label arrived. */
    Map<String, Instant> firstFraudKnown() {
        return Map.copyOf(firstFraudKnown);
    }

    int labelledTransactions() {
        return latest.size();
    }

    static String key(String bankId, String transactionId) {
        return bankId + "|" + transactionId;
    }
}
