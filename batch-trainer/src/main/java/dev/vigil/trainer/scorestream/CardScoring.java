package dev.vigil.trainer.scorestream;

import dev.vigil.events.Transaction;
import dev.vigil.events.TransactionScore;
import dev.vigil.features.CardFeatures;
import dev.vigil.features.CardProfile;
import dev.vigil.features.CardProfileCodec;
import dev.vigil.features.Verdict;
import dev.vigil.features.rules.RulesConfig;
import dev.vigil.features.rules.RulesScorer;
import dev.vigil.trainer.scoring.ScoringTables;
import dev.vigil.trainer.training.SeenTransactions;
import java.io.Serializable;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapGroupsWithStateFunction;
import org.apache.spark.sql.streaming.GroupState;
import scala.Tuple2;

/**
 * One card's transactions of a micro-batch, scored as the Kafka Streams scorer scores them: in topic
 * order, a transaction id already seen for the card within the dedup retention skipped
 * ({@link SeenTransactions}), each other one moving the card's profile forward through
 * {@link CardFeatures#next} (with the merchant's risk in force) and decided by {@link Verdict#of} from
 * the default rules and the model in force ({@link ScoringTables}, read once per record). The state
 * is the profile ({@link CardProfileCodec} bytes, the scorer's RocksDB value) with the card's recent
 * ids, so it carries over micro-batches and restarts from the checkpoint.
 *
 * <p>Stream time, the clock of dedup and expiry, is event time: the later of the card's latest event
 * and the latest event time of the input before this micro-batch. The query's watermark trails that by
 * the idle expiry, so the card's event-time timeout at its latest event fires once the input is the
 * idle expiry past it: the profile is removed, as the scorer's punctuator deletes it.
 *
 * <p>Unlike the scorer, the same id with other content is skipped as a retry, not dead-lettered, and a
 * record more than the idle expiry older than the input's latest is dropped by Spark as late.
 */
final class CardScoring
        implements FlatMapGroupsWithStateFunction<
                String, Tuple2<Timestamp, CardScoring.Arrival>, CardScoring.State, TransactionScore> {

    private static final long serialVersionUID = 1L;

    /** The order the scorer reads a card's records in: the topic's (one card is on one partition). */
    static final Comparator<Arrival> TOPIC_ORDER =
            Comparator.comparingInt(Arrival::partition).thenComparingLong(Arrival::offset);

    private final ScoringTables tables;
    /** The only wall-clock reading: when a score was made (serializable, as Spark ships this function). */
    private final Clock clock;

    private final Duration dedupRetention;
    /** The idle expiry, by which the watermark trails the input's latest event time. */
    private final Duration watermarkDelay;

    private transient RulesScorer rules;

    CardScoring(ScoringTables tables, Clock clock, Duration dedupRetention, Duration watermarkDelay) {
        this.tables = tables;
        this.clock = clock;
        this.dedupRetention = dedupRetention;
        this.watermarkDelay = watermarkDelay;
    }

    /** A decoded transaction and where it was on the topic (public: Spark's serialization encoder requires it). */
    public record Arrival(int partition, long offset, Transaction transaction) implements Serializable {
        String card() {
            return transaction.getCardToken();
        }
    }

    /** A card's state: its profile as the scorer stores it and the ids it saw (public for Spark's encoder). */
    public record State(byte[] profile, SeenTransactions seen) implements Serializable {}

    @Override
    public Iterator<TransactionScore> call(
            String card, Iterator<Tuple2<Timestamp, Arrival>> arrivals, GroupState<State> state) {
        if (state.hasTimedOut()) {
            state.remove();
            return Collections.emptyIterator();
        }
        List<Arrival> batch = new ArrayList<>();
        arrivals.forEachRemaining(timed -> batch.add(timed._2()));
        batch.sort(TOPIC_ORDER);
        long watermarkMs = state.getCurrentWatermarkMs();
        Instant watermark = Instant.ofEpochMilli(Math.max(0, watermarkMs));
        CardProfile profile =
                state.exists() ? CardProfileCodec.decode(state.get().profile()) : CardProfile.EMPTY;
        SeenTransactions seen = state.exists() ? state.get().seen() : new SeenTransactions(dedupRetention);
        Instant streamTime = watermarkMs > 0
                ? later(profile.lastEventTime(), watermark.plus(watermarkDelay))
                : profile.lastEventTime();
        List<TransactionScore> scores = new ArrayList<>(batch.size());
        for (Arrival arrival : batch) {
            Transaction tx = arrival.transaction();
            streamTime = later(streamTime, tx.getEventTime());
            if (seen.alreadyScored(tx.getTransactionId(), streamTime)) {
                continue;
            }
            String bankId = tx.getBankId();
            CardFeatures.Step step = CardFeatures.next(
                    profile,
                    tx,
                    tables.merchantRisk(bankId, tx.getMerchantId()),
                    merchantId -> tables.merchantRisk(bankId, merchantId));
            profile = step.profile();
            scores.add(score(tx, step));
        }
        seen.forget(streamTime);
        if (profile.lastEventTime().isAfter(watermark)) {
            state.update(new State(CardProfileCodec.encode(profile), seen));
            state.setTimeoutTimestamp(profile.lastEventTime().toEpochMilli());
        } else {
            // idle already (a late event of a card long quiet): gone, as the scorer's next scan deletes it
            state.remove();
        }
        return scores.iterator();
    }

    /**
     * Without state: each transaction scored as its card's first (an empty profile), the part of this
     * scoring Spark's continuous processing can run (it has no stateful operator). For that engine's
     * latency only: not the scorer's scores.
     */
    Iterator<TransactionScore> scoreAsFirst(Iterator<Transaction> transactions) {
        List<TransactionScore> scores = new ArrayList<>();
        transactions.forEachRemaining(tx -> scores.add(score(
                tx,
                CardFeatures.next(
                        CardProfile.EMPTY,
                        tx,
                        tables.merchantRisk(tx.getBankId(), tx.getMerchantId()),
                        merchantId -> tables.merchantRisk(tx.getBankId(), merchantId)))));
        return scores.iterator();
    }

    /** The rules and the model in force (read once) decide the step's features. */
    private TransactionScore score(Transaction tx, CardFeatures.Step step) {
        if (rules == null) {
            rules = new RulesScorer(RulesConfig.DEFAULTS);
        }
        Verdict verdict = Verdict.of(
                rules.score(step.features()),
                tables.model(tx.getBankId()),
                step.features().values());
        return verdict.scoreRecord(tx, step.features(), clock.instant());
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
