package dev.vigil.ingest.transaction;

import dev.vigil.events.Transaction;
import dev.vigil.ingest.IngestConfig;
import dev.vigil.ingest.card.PanTokenizer;
import dev.vigil.ingest.kafka.EventLogUnavailableException;
import dev.vigil.ingest.kafka.EventPublisher;
import dev.vigil.schemas.Topics;
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
    record Outcome(int produced, int replayed, List<Integer> conflicts) {
    }

    private record Pending(IdempotencyCache.Key key, Transaction event, IdempotencyCache.Claim claim) {
        boolean owned() {
            return claim.kind() == IdempotencyCache.Kind.FIRST;
        }
    }

    private final PanTokenizer tokenizer;
    private final EventPublisher publisher;
    private final IdempotencyCache cache;
    private final Clock clock;

    TransactionIntake(PanTokenizer tokenizer, EventPublisher publisher, IngestConfig config, Clock clock,
            MeterRegistry metrics) {
        this.tokenizer = tokenizer;
        this.publisher = publisher;
        this.clock = clock;
        this.cache = new IdempotencyCache(config.idempotency().maxEntries(), config.idempotency().ttl(), clock);
        Gauge.builder("vigil.ingest.idempotency.entries", cache, IdempotencyCache::size)
                .description("Transactions remembered for answering retries")
                .register(metrics);
    }

    /**
     * Produces the transactions that are new, all or none as far as this instance can: when any
     * reuses an accepted id with other content, nothing is produced and their indexes are
     * returned. Throws {@link EventLogUnavailableException} when Kafka did not acknowledge them
     * all in time; a retry then produces only those that were not acknowledged.
     */
    Outcome submit(List<TransactionRequest> requests) {
        Instant receivedAt = clock.instant();
        List<Pending> pending = new ArrayList<>(requests.size());
        List<Integer> conflicts = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            TransactionRequest request = requests.get(i);
            Transaction event = TransactionEvents.toEvent(request, tokenizer.tokenize(request.card()), receivedAt);
            IdempotencyCache.Key key = IdempotencyCache.Key.of(request);
            IdempotencyCache.Claim claim = cache.claim(key, TransactionEvents.contentHash(event));
            if (claim.kind() == IdempotencyCache.Kind.CONFLICT) {
                conflicts.add(i);
            } else {
                pending.add(new Pending(key, event, claim));
            }
        }
        if (!conflicts.isEmpty()) {
            pending.stream().filter(Pending::owned).forEach(p -> cache.failed(p.key(), p.claim()));
            return new Outcome(0, 0, conflicts);
        }
        int produced = (int) pending.stream().filter(Pending::owned).count();
        publisher.awaitAll(produceOwned(pending));
        return new Outcome(produced, pending.size() - produced, List.of());
    }

    /** One future per pending transaction, completing when it is known to be in Kafka. */
    private List<CompletableFuture<?>> produceOwned(List<Pending> pending) {
        List<CompletableFuture<?>> acknowledgements = new ArrayList<>(pending.size());
        boolean sendFailed = false;
        for (Pending p : pending) {
            if (!p.owned()) {
                acknowledgements.add(p.claim().outcome().thenAccept(TransactionIntake::requireAccepted));
            } else if (sendFailed) {
                // Kafka or the registry just failed a send; each further one would wait as long: give up
                cache.failed(p.key(), p.claim());
            } else {
                CompletableFuture<?> acknowledged = publisher.send(Topics.TRANSACTIONS, p.event().getCardToken(),
                        p.event(), p.event().getEventTime());
                acknowledged.whenComplete((metadata, error) -> {
                    if (error == null) {
                        cache.accepted(p.claim());
                    } else {
                        cache.failed(p.key(), p.claim());
                    }
                });
                sendFailed = acknowledged.isCompletedExceptionally();
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
