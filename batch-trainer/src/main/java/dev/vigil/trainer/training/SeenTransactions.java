package dev.vigil.trainer.training;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * One card's transaction ids as the scorer's dedup store keeps them: an id is a retry when it was
 * stamped within the retention before the current stream time; a first sighting (or one after the
 * retention) is stamped with the stream time, not the event time, so a retry of an old event is still
 * caught, and a retry is not stamped again. The scorer's rule is {@code CardScorer.alreadyScored}.
 */
final class SeenTransactions {

    private final Duration retention;
    private final Map<String, Instant> stamps = new HashMap<>();

    SeenTransactions(Duration retention) {
        this.retention = retention;
    }

    /** Whether {@code transactionId} was seen within the retention before {@code streamTime}; stamps it if not. */
    boolean alreadyScored(String transactionId, Instant streamTime) {
        Instant stamp = stamps.get(transactionId);
        Instant from = streamTime.minus(retention);
        if (stamp != null && !stamp.isBefore(from) && !stamp.isAfter(streamTime)) {
            return true;
        }
        stamps.put(transactionId, streamTime);
        return false;
    }
}
