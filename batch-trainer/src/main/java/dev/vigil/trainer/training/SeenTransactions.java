package dev.vigil.trainer.training;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;

/**
 * One card's transaction ids as the scorer's dedup store keeps them: an id is a retry when it was
 * stamped within the retention before the current stream time; a first sighting (or one after the
 * retention) is stamped with the stream time, not the event time, so a retry of an old event is still
 * caught, and a retry is not stamped again. The scorer's rule is {@code CardScorer.alreadyScored}.
 * Serializable: the streaming job keeps it in each card's state.
 */
public final class SeenTransactions implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Duration retention;
    private final HashMap<String, Instant> stamps = new HashMap<>();

    public SeenTransactions(Duration retention) {
        this.retention = retention;
    }

    /** Whether {@code transactionId} was seen within the retention before {@code streamTime}; stamps it if not. */
    public boolean alreadyScored(String transactionId, Instant streamTime) {
        Instant stamp = stamps.get(transactionId);
        Instant from = streamTime.minus(retention);
        if (stamp != null && !stamp.isBefore(from) && !stamp.isAfter(streamTime)) {
            return true;
        }
        stamps.put(transactionId, streamTime);
        return false;
    }

    /** Drops the ids stamped before the retention ending at {@code streamTime}, as the scorer's window store drops them. */
    public void forget(Instant streamTime) {
        Instant from = streamTime.minus(retention);
        stamps.values().removeIf(stamp -> stamp.isBefore(from));
    }

    /** How many ids are remembered. */
    int size() {
        return stamps.size();
    }
}
