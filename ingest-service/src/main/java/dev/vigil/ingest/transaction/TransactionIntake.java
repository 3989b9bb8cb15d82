package dev.vigil.ingest.transaction;

import dev.vigil.events.Transaction;
import dev.vigil.ingest.IngestConfig;
import dev.vigil.ingest.card.PanTokenizer;
import dev.vigil.ingest.kafka.EventLogUnavailableException;
import dev.vigil.ingest.kafka.EventPublisher;
import dev.vigil.schemas.Topics;
import dev.vigil.schemas.TransactionContent;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Takes validated transactions to Kafka: tokenise, settle retries and conflicts in the
 * idempotency cache, produce the new ones, and return only once every one was acknowledged.
 */
@Singleton
class TransactionIntake {

    /** What became of a submission that did not fail. */
    record Outcome(int produced, int replayed, List<Integer> conflicts) {}

    /** A transaction of the submission on its way: claimed in the cache, maybe produced. */
    private static final class Pending {
        private final int index;
        private final IdempotencyCache.Key key;
        private final Transaction event;
        private final String contentHash;
        private final IdempotencyCache.Claim claim;
        private boolean sent;
        private CompletableFuture<?> acknowledged = new CompletableFuture<>();

        Pending(
                int index,
                IdempotencyCache.Key key,
                Transaction event,
                String contentHash,
                IdempotencyCache.Claim claim) {
            this.index = index;
            this.key = key;
            this.event = event;
            this.contentHash = contentHash;
            this.claim = claim;
        }

        int index() {
            return index;
        }

        IdempotencyCache.Key key() {
            return key;
        }

        Transaction event() {
            return event;
        }

        IdempotencyCache.Claim claim() {
            return claim;
        }

        String contentHash() {
            return contentHash;
        }

        /** This instance is the first to claim it since it started (or since the cache forgot it). */
        boolean owned() {
            return claim.kind() == IdempotencyCache.Kind.FIRST;
        }

        /** Acknowledged before, as the durable store knows: answered without producing. */
        boolean sent() {
            return sent;
        }

        void markSent() {
            sent = true;
        }

        CompletableFuture<?> acknowledged() {
            return acknowledged;
        }
    }

    private final PanTokenizer tokenizer;
    private final EventPublisher publisher;
    private final IdempotencyCache cache;
    private final SentTransactions sentTransactions;
    private final Clock clock;

    TransactionIntake(
            PanTokenizer tokenizer,
            EventPublisher publisher,
            SentTransactions sentTransactions,
            IngestConfig config,
            Clock clock,
            MeterRegistry metrics) {
        this.sentTransactions = sentTransactions;
        this.tokenizer = tokenizer;
        this.publisher = publisher;
        this.clock = clock;
        this.cache = new IdempotencyCache(
                config.idempotency().maxEntries(), config.idempotency().ttl(), clock);
        Gauge.builder("vigil.ingest.idempotency.entries", cache, IdempotencyCache::size)
                .description("Transactions remembered for answering retries")
                .register(metrics);
    }

    /**
     * Produces the transactions that are new, all or none as far as this instance can: when any
     * reuses an id its bank sent with other content (known to this instance or to the
     * {@link SentTransactions} store), nothing is produced and their indexes are returned. Throws
     * {@link EventLogUnavailableException} when Kafka did not acknowledge them all in time; a retry
     * then produces only those that were not acknowledged.
     */
    Outcome submit(List<TransactionRequest> requests) {
        Instant receivedAt = clock.instant();
        List<Pending> pending = new ArrayList<>(requests.size());
        List<Integer> conflicts = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            TransactionRequest request = requests.get(i);
            Transaction event = TransactionEvents.toEvent(request, tokenizer.tokenize(request.card()), receivedAt);
            IdempotencyCache.Key key = IdempotencyCache.Key.of(request);
            String contentHash = TransactionContent.hash(event);
            IdempotencyCache.Claim claim = cache.claim(key, contentHash);
            if (claim.kind() == IdempotencyCache.Kind.CONFLICT) {
                conflicts.add(i);
            } else {
                pending.add(new Pending(i, key, event, contentHash, claim));
            }
        }
        if (conflicts.isEmpty()) {
            try {
                conflicts = claimDurably(pending);
            } catch (RuntimeException e) {
                // the store did not answer: release the claims, or retries would wait on them
                pending.stream().filter(Pending::owned).forEach(p -> cache.failed(p.key(), p.claim()));
                throw e;
            }
        }
        if (!conflicts.isEmpty()) {
            pending.stream().filter(Pending::owned).forEach(p -> cache.failed(p.key(), p.claim()));
            return new Outcome(0, 0, conflicts);
        }
        List<Pending> toProduce =
                pending.stream().filter(Pending::owned).filter(p -> !p.sent()).toList();
        pending.stream().filter(Pending::owned).filter(Pending::sent).forEach(p -> cache.accepted(p.claim()));
        List<CompletableFuture<?>> acknowledgements = produceOwned(pending);
        try {
            publisher.awaitAll(acknowledgements);
        } finally {
            sentTransactions.acknowledged(
                    requests.get(0).bankId(),
                    toProduce.stream()
                            .filter(p -> p.acknowledged().isDone()
                                    && !p.acknowledged().isCompletedExceptionally())
                            .map(p -> p.event().getTransactionId())
                            .toList());
        }
        return new Outcome(toProduce.size(), pending.size() - toProduce.size(), List.of());
    }

    /**
     * Claims the ids this instance owns in the durable store (a batch is one bank's: the resource
     * checked that); returns the indexes of those its bank sent before with other content.
     */
    private List<Integer> claimDurably(List<Pending> pending) {
        List<Pending> owned = pending.stream().filter(Pending::owned).toList();
        if (owned.isEmpty()) {
            return List.of();
        }
        List<SentTransactions.Known> known = sentTransactions.claim(
                owned.get(0).key().bankId(),
                owned.stream()
                        .map(p -> new SentTransactions.Claim(
                                p.event().getTransactionId(),
                                p.contentHash(),
                                p.event().getCardToken(),
                                p.event().getEventTime().toString()))
                        .toList());
        List<Integer> conflicts = new ArrayList<>();
        for (int i = 0; i < owned.size(); i++) {
            switch (known.get(i)) {
                case CONFLICT -> conflicts.add(owned.get(i).index());
                case SENT -> owned.get(i).markSent();
                case NEW, UNCONFIRMED -> {}
            }
        }
        return conflicts;
    }

    /** One future per pending transaction, completing when it is known to be in Kafka. */
    private List<CompletableFuture<?>> produceOwned(List<Pending> pending) {
        List<CompletableFuture<?>> acknowledgements = new ArrayList<>(pending.size());
        boolean sendFailed = false;
        for (Pending p : pending) {
            if (p.owned() && p.sent()) {
                continue;
            }
            if (!p.owned()) {
                acknowledgements.add(p.claim().outcome().thenAccept(TransactionIntake::requireAccepted));
            } else if (sendFailed) {
                // Kafka or the registry just failed a send; each further one would wait as long: give up
                cache.failed(p.key(), p.claim());
            } else {
                CompletableFuture<?> acknowledged = publisher.send(
                        Topics.TRANSACTIONS,
                        p.event().getCardToken(),
                        p.event(),
                        p.event().getEventTime());
                acknowledged.whenComplete((metadata, error) -> {
                    if (error == null) {
                        cache.accepted(p.claim());
                    } else {
                        cache.failed(p.key(), p.claim());
                    }
                });
                sendFailed = acknowledged.isCompletedExceptionally();
                p.acknowledged = acknowledged;
                acknowledgements.add(acknowledged);
            }
        }
        // a failed send is among the futures, so waiting on them reports its cause
        return acknowledgements;
    }

    /** A retry waits on the first attempt: if that failed, so does the retry, and the client tries again. */
    private static void requireAccepted(boolean accepted) {
        if (!accepted) {
            throw new EventLogUnavailableException("an earlier attempt with this transaction id failed");
        }
    }
}
