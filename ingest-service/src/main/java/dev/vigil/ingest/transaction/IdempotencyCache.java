package dev.vigil.ingest.transaction;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Which transactions this instance has accepted recently, so a retry is answered without being
 * produced again and a reused id with other content is refused. Each entry holds a hash of the
 * tokenised record, never the card number.
 *
 * <p>Bounded in size and time: entries older than the TTL are dropped, and when full the oldest
 * entry goes, so memory stays flat under any load. This is the fast path only; the durable
 * guarantee across restarts and instances is {@link SentTransactions}.
 *
 * <p>Concurrent requests for one key are settled here: the first becomes the owner and produces,
 * the others wait for its outcome. Thread-safe.
 */
final class IdempotencyCache {

    /** A transaction id is unique per bank. */
    record Key(String bankId, String transactionId) {
        static Key of(TransactionRequest request) {
            return new Key(request.bankId(), request.transactionId());
        }
    }

    enum Kind {
        /** Nothing known: the caller produces, then calls {@link #accepted} or {@link #failed}. */
        FIRST,
        /** Same content seen before: {@link Claim#outcome} completes with whether it was accepted. */
        REPEAT,
        /** Same key, other content. */
        CONFLICT
    }

    /** The answer to {@link #claim}; {@code outcome} is {@code null} for a conflict. */
    record Claim(Kind kind, CompletableFuture<Boolean> outcome) {}

    private record Entry(String contentHash, CompletableFuture<Boolean> outcome, Instant createdAt) {}

    private final int maxEntries;
    private final Duration ttl;
    private final Clock clock;
    /** In insertion order, so the expired and the oldest entries are at the head. */
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>();

    IdempotencyCache(int maxEntries, Duration ttl, Clock clock) {
        if (maxEntries < 1 || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("the idempotency cache needs a positive size and TTL");
        }
        this.maxEntries = maxEntries;
        this.ttl = ttl;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    synchronized Claim claim(Key key, String contentHash) {
        Instant now = clock.instant();
        dropExpired(now);
        Entry entry = entries.get(key);
        if (entry == null) {
            CompletableFuture<Boolean> outcome = new CompletableFuture<>();
            entries.put(key, new Entry(contentHash, outcome, now));
            if (entries.size() > maxEntries) {
                Iterator<Map.Entry<Key, Entry>> oldest = entries.entrySet().iterator();
                oldest.next();
                oldest.remove();
            }
            return new Claim(Kind.FIRST, outcome);
        }
        return entry.contentHash().equals(contentHash)
                ? new Claim(Kind.REPEAT, entry.outcome())
                : new Claim(Kind.CONFLICT, null);
    }

    /** The owner's record was acknowledged: later claims are repeats until the entry expires. */
    void accepted(Claim claim) {
        claim.outcome().complete(true);
    }

    /** The owner's record was not acknowledged: forget it, so a retry produces it again. */
    synchronized void failed(Key key, Claim claim) {
        Entry entry = entries.get(key);
        if (entry != null && entry.outcome() == claim.outcome()) {
            entries.remove(key);
        }
        claim.outcome().complete(false);
    }

    synchronized int size() {
        dropExpired(clock.instant());
        return entries.size();
    }

    private void dropExpired(Instant now) {
        Iterator<Entry> oldestFirst = entries.values().iterator();
        while (oldestFirst.hasNext()) {
            if (oldestFirst.next().createdAt().plus(ttl).isAfter(now)) {
                return;
            }
            oldestFirst.remove();
        }
    }
}
