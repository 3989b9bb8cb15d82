package dev.vigil.scorer;

import dev.vigil.events.MerchantRisk;
import dev.vigil.events.Transaction;
import dev.vigil.features.CardFeatures;
import dev.vigil.features.CardProfile;
import dev.vigil.features.Verdict;
import dev.vigil.features.rules.RulesScorer;
import dev.vigil.schemas.DeadLetter;
import dev.vigil.schemas.Topics;
import dev.vigil.schemas.TransactionContent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Scores a card's transaction once: skips a (card, transaction id) seen within the dedup
 * retention, moves the card's profile forward with the merchant's risk, scores the features with
 * the rules and the model in force, writes every score and an alert when the score reaches the
 * threshold, and counts the outcome into the alert budget ({@link ModelGuard}). Under exactly-once processing the dedup entry, the profile, the score, the alert and
 * the input offset are committed together. Profiles idle for longer than the configured period (in
 * stream time) are deleted by a punctuator.
 */
final class CardScorer implements Processor<String, Transaction, Object, Object> {

    static final String CONFLICT = "a transaction with this card and id was scored with other content";

    private final ScorerSettings settings;
    private final RulesScorer rules;
    private final CurrentModels models;
    private final ModelGuard guard;
    private final Deserializer<MerchantRisk> merchantRisks;
    private final MerchantRiskCache merchantRiskCache;
    private final ScorerMetrics metrics;
    private final Clock clock;
    private KeyValueStore<String, CardProfile> profiles;
    private WindowStore<String, String> seen;
    private KeyValueStore<String, byte[]> merchants;
    private ProcessorContext<Object, Object> context;
    private final Serializer<Transaction> transactions;

    CardScorer(
            ScorerSettings settings,
            CurrentModels models,
            ModelGuard guard,
            Deserializer<MerchantRisk> merchantRisks,
            MerchantRiskCache merchantRiskCache,
            Serializer<Transaction> transactions,
            ScorerMetrics metrics,
            Clock clock) {
        this.transactions = transactions;
        this.settings = settings;
        this.rules = new RulesScorer(settings.rules());
        this.models = models;
        this.guard = guard;
        this.merchantRisks = merchantRisks;
        this.merchantRiskCache = merchantRiskCache;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.profiles = context.getStateStore(ScoringTopology.PROFILES_STORE);
        this.seen = context.getStateStore(ScoringTopology.SEEN_STORE);
        this.merchants = context.getStateStore(ScoringTopology.MERCHANT_RISK_STORE);
        context.schedule(settings.profileExpiryScan(), PunctuationType.STREAM_TIME, this::expireIdleProfiles);
    }

    @Override
    public void process(Record<String, Transaction> record) {
        String card = record.key();
        Transaction tx = record.value();
        switch (seenBefore(card, tx)) {
            case SAME_CONTENT -> {
                metrics.duplicate();
                return;
            }
            case OTHER_CONTENT -> {
                deadLetterConflict(record);
                return;
            }
            case NO -> {}
        }
        CardProfile before = profiles.get(card);
        String bankId = tx.getBankId();
        CardFeatures.Step step = CardFeatures.next(
                before == null ? CardProfile.EMPTY : before,
                tx,
                merchantRisk(bankId, tx.getMerchantId()),
                merchantId -> merchantRisk(bankId, merchantId));
        profiles.put(card, step.profile());
        // read once: this record is scored by one model from start to end, whatever is swapped meanwhile
        CurrentModels.InForce inForce = models.inForce(tx.getBankId());
        double[] x = step.features().values();
        Verdict verdict = Verdict.of(rules.score(step.features()), inForce.model(), x);
        // the only wall-clock reading: when the score was made
        Instant scoredAt = clock.instant();
        boolean alert = verdict.alert();
        metrics.scored(verdict, tx.getReceivedAt(), scoredAt);
        // after this record's verdict: a fallback changes what scores the next ones, never this one
        guard.observe(inForce, alert);
        context.forward(
                record.withValue(verdict.scoreRecord(tx, step.features(), scoredAt)), ScoringTopology.SCORES_SINK);
        if (alert) {
            metrics.alerted(verdict);
            context.forward(record.withValue(Alerts.of(tx, verdict, scoredAt)), ScoringTopology.ALERTS_SINK);
        }
    }

    /** The bank's own view of the merchant, else the all-banks one, else {@code null} (neutral features). */
    private MerchantRisk merchantRisk(String bankId, String merchantId) {
        return merchantRiskCache.get(bankId, merchantId, this::readMerchantRisk);
    }

    private MerchantRisk readMerchantRisk(String bankId, String merchantId) {
        byte[] bytes =
                Topics.ownElseAllBanks(bankId, scope -> merchants.get(Topics.merchantRiskKey(scope, merchantId)));
        return bytes == null ? null : merchantRisks.deserialize(Topics.MERCHANT_RISK.name(), bytes);
    }

    private void expireIdleProfiles(long streamTimeMs) {
        long idleBefore = streamTimeMs - settings.profileIdleExpiry().toMillis();
        List<String> idle = new ArrayList<>();
        try (KeyValueIterator<String, CardProfile> all = profiles.all()) {
            while (all.hasNext()) {
                KeyValue<String, CardProfile> entry = all.next();
                if (entry.value.lastEventTime().toEpochMilli() < idleBefore) {
                    idle.add(entry.key);
                }
            }
        }
        idle.forEach(profiles::delete);
        metrics.profilesExpired(idle.size());
    }

    /** Whether a transaction's (card, id) pair was scored before, and with what content. */
    enum Seen {
        NO,
        SAME_CONTENT,
        OTHER_CONTENT
    }

    /**
     * Whether the pair was seen within the retention, in stream time; records it with the content's
     * hash if not. The entry is stamped with stream time rather than the event time, so a retry of
     * an old event is still caught, and the window store drops entries once stream time passes their
     * retention. An entry written before contents were kept (a stream time, not a 64-character hash)
     * says nothing of the content: a copy is taken for a duplicate, as it was then.
     */
    private Seen seenBefore(String card, Transaction tx) {
        String key = dedupKey(card, tx.getTransactionId());
        String content = TransactionContent.hash(tx);
        long now = context.currentStreamTimeMs();
        long from = Math.max(0, now - settings.dedupRetention().toMillis());
        try (WindowStoreIterator<String> hits = seen.fetch(key, from, now)) {
            if (hits.hasNext()) {
                String scored = hits.next().value;
                return scored.length() != TransactionContent.HASH_LENGTH || scored.equals(content)
                        ? Seen.SAME_CONTENT
                        : Seen.OTHER_CONTENT;
            }
        }
        seen.put(key, content, now);
        return Seen.NO;
    }

    /**
     * A transaction id this card already used with other content: ingest refuses that, so it came
     * another way (the bulk import, a lost ingest database). Scoring it would put two different
     * transactions under one alert id; dropping it silently would hide it. It goes to dead letters.
     */
    private void deadLetterConflict(Record<String, Transaction> record) {
        byte[] key = record.key().getBytes(StandardCharsets.UTF_8);
        byte[] value = transactions.serialize(Topics.TRANSACTIONS.name(), record.value());
        DeadLetter dead = DeadLetter.refused(
                TransactionReader.source(context, key, value, record.headers()),
                new ConflictingTransactionException(),
                CONFLICT,
                settings.applicationId());
        DeadLetterForward.forward(context, dead, record.timestamp(), metrics);
    }

    /** Length-prefixed, so no card token and transaction id can run into another pair. */
    static String dedupKey(String card, String transactionId) {
        return card.length() + ":" + card + transactionId;
    }
}
