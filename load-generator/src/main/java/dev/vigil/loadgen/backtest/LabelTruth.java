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
 * such cards' later transactions).
 */
final class LabelTruth {

    private final Map<String, TransactionLabel> latest = new HashMap<>();
    private final Map<String, Instant> firstFraudKnown = new HashMap<>();

    void add(TransactionLabel label) {
        latest.merge(key(label.getBankId(), label.getTransactionId()), label,
                (a, b) -> b.getLabelledAt().isBefore(a.getLabelledAt()) ? a : b);
        if (label.getLabel() == Label.FRAUD) {
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
