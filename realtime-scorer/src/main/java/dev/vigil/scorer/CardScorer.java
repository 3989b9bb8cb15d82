package dev.vigil.scorer;

import dev.vigil.events.Alert;
import dev.vigil.events.Transaction;
import dev.vigil.features.CardFeatures;
import dev.vigil.features.CardProfile;
import dev.vigil.features.rules.RiskScore;
import dev.vigil.features.rules.RulesScorer;
import java.time.Clock;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Scores a card's transaction once: skips a (card, transaction id) seen within the dedup
 * retention, moves the card's profile forward, scores the features with the rules and forwards
 * an alert when the score reaches the threshold. Under exactly-once processing the dedup entry,
 * the profile and the alert are committed together with the input offset.
 */
final class CardScorer implements Processor<String, Transaction, String, Alert> {

    private final ScorerSettings settings;
    private final RulesScorer rules;
    private final ScorerMetrics metrics;
    private final Clock clock;
    private KeyValueStore<String, CardProfile> profiles;
    private WindowStore<String, Long> seen;
    private ProcessorContext<String, Alert> context;

    CardScorer(ScorerSettings settings, ScorerMetrics metrics, Clock clock) {
        this.settings = settings;
        this.rules = new RulesScorer(settings.rules());
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.profiles = context.getStateStore(ScoringTopology.PROFILES_STORE);
        this.seen = context.getStateStore(ScoringTopology.SEEN_STORE);
    }

    @Override
    public void process(Record<String, Transaction> record) {
        String card = record.key();
        Transaction tx = record.value();
        if (alreadyScored(card, tx.getTransactionId())) {
            metrics.duplicate();
            return;
        }
        CardProfile before = profiles.get(card);
        CardFeatures.Step step = CardFeatures.next(before == null ? CardProfile.EMPTY : before, tx);
        profiles.put(card, step.profile());
        RiskScore score = rules.score(step.features());
        // the only wall-clock reading: when the score was made
        Instant scoredAt = clock.instant();
        metrics.scored(score, tx.getReceivedAt(), scoredAt);
        if (score.score() >= settings.alertThreshold()) {
            metrics.alerted(score);
            context.forward(record.withValue(Alerts.of(tx, score, RulesScorer.VERSION, scoredAt)), ScoringTopology.ALERTS_SINK);
        }
    }

    /**
     * Whether the pair was seen within the retention, in stream time; records it if not. The
     * entry is stamped with stream time rather than the event time, so a retry of an old event is
     * still caught, and the window store drops entries once stream time passes their retention.
     */
    private boolean alreadyScored(String card, String transactionId) {
        String key = dedupKey(card, transactionId);
        long now = context.currentStreamTimeMs();
        long from = Math.max(0, now - settings.dedupRetention().toMillis());
        try (WindowStoreIterator<Long> hits = seen.fetch(key, from, now)) {
            if (hits.hasNext()) {
                return true;
            }
        }
        seen.put(key, now, now);
        return false;
    }

    /** Length-prefixed, so no card token and transaction id can run into another pair. */
    static String dedupKey(String card, String transactionId) {
        return card.length() + ":" + card + transactionId;
    }
}
