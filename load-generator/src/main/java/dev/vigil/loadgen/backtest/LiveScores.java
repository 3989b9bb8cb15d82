package dev.vigil.loadgen.backtest;

import dev.vigil.events.TransactionScore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The scorer's own scores of the transactions whose event time is in {@code [from, to)}, as read
 * from {@code transaction-scores}: one per transaction, and a count of any scored twice (there
 * should be none under exactly-once).
 */
final class LiveScores {

    /** A live score: what the scorer served for one transaction. */
    record Live(
            String bankId,
            String transactionId,
            String cardToken,
            Instant eventTime,
            double score,
            boolean alerted,
            String modelVersion) {}

    private final Instant from;
    private final Instant to;
    private final List<Live> scores = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private long duplicates;

    LiveScores(Instant from, Instant to) {
        this.from = from;
        this.to = to;
    }

    void add(TransactionScore score) {
        Instant eventTime = score.getEventTime();
        if (eventTime.isBefore(from) || !eventTime.isBefore(to)) {
            return;
        }
        if (!seen.add(LabelTruth.key(score.getBankId(), score.getTransactionId()))) {
            duplicates++;
            return;
        }
        scores.add(new Live(
                score.getBankId(),
                score.getTransactionId(),
                score.getCardToken(),
                eventTime,
                score.getScore(),
                score.getAlerted(),
                score.getModelVersion()));
    }

    List<Live> scores() {
        return List.copyOf(scores);
    }

    long duplicates() {
        return duplicates;
    }
}
