package dev.vigil.trainer.scorestream;

import dev.vigil.events.Transaction;
import dev.vigil.events.TransactionScore;
import dev.vigil.features.CardFeatures;
import dev.vigil.features.CardProfile;
import dev.vigil.features.CardProfileCodec;
import dev.vigil.features.Verdict;
import dev.vigil.features.rules.RulesConfig;
import dev.vigil.features.rules.RulesScorer;
import dev.vigil.trainer.scoring.ScoringContext;
import java.io.Serializable;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapGroupsWithStateFunction;
import org.apache.spark.sql.streaming.GroupState;

/**
 * One card's transactions of a micro-batch, scored as the Kafka Streams scorer scores them: in topic
 * order, each moving the card's profile forward through {@link CardFeatures#next} (with the merchant's
 * risk) and decided by {@link Verdict#of} from the default rules and the model in force. The profile
 * is the group's state, stored as {@link CardProfileCodec} bytes (the scorer's RocksDB value), so it
 * carries over micro-batches and restarts from the checkpoint.
 *
 * <p>Not done here, unlike the scorer: deduplication of a transaction id seen twice, and expiry of
 * idle profiles.
 */
final class CardScoring
        implements FlatMapGroupsWithStateFunction<String, CardScoring.Arrival, byte[], TransactionScore> {

    private static final long serialVersionUID = 1L;

    /** The order the scorer reads a card's records in: the topic's (one card is on one partition). */
    static final Comparator<Arrival> TOPIC_ORDER =
            Comparator.comparingInt(Arrival::partition).thenComparingLong(Arrival::offset);

    private final ScoringContext context;
    /** The only wall-clock reading: when a score was made (serializable, as Spark ships this function). */
    private final Clock clock;

    private transient RulesScorer rules;

    CardScoring(ScoringContext context, Clock clock) {
        this.context = context;
        this.clock = clock;
    }

    /** A decoded transaction and where it was on the topic (public: Spark's serialization encoder requires it). */
    public record Arrival(int partition, long offset, Transaction transaction) implements Serializable {
        String card() {
            return transaction.getCardToken();
        }
    }

    @Override
    public Iterator<TransactionScore> call(String card, Iterator<Arrival> arrivals, GroupState<byte[]> state) {
        if (rules == null) {
            rules = new RulesScorer(RulesConfig.DEFAULTS);
        }
        List<Arrival> batch = new ArrayList<>();
        arrivals.forEachRemaining(batch::add);
        batch.sort(TOPIC_ORDER);
        CardProfile profile = state.exists() ? CardProfileCodec.decode(state.get()) : CardProfile.EMPTY;
        List<TransactionScore> scores = new ArrayList<>(batch.size());
        for (Arrival arrival : batch) {
            Transaction tx = arrival.transaction();
            CardFeatures.Step step =
                    CardFeatures.next(profile, tx, context.merchantRisk(tx.getBankId(), tx.getMerchantId()));
            profile = step.profile();
            Verdict verdict = Verdict.of(
                    rules.score(step.features()),
                    context.model(tx.getBankId()),
                    step.features().values());
            scores.add(verdict.scoreRecord(tx, step.features(), clock.instant()));
        }
        state.update(CardProfileCodec.encode(profile));
        return scores.iterator();
    }
}
