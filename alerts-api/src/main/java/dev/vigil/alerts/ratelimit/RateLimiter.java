package dev.vigil.alerts.ratelimit;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per client, in bounded memory. Buckets are kept in least-recently-used order; a
 * bucket that has been idle long enough to be full again is dropped (a new one would be identical),
 * so the map holds only clients seen within the last {@code burst / rate} seconds. Past
 * {@code maxClients} the least recently seen client is dropped even if its bucket is not full:
 * under a flood of distinct clients one of them may get a fresh burst, but memory stays bounded.
 */
final class RateLimiter {

    /** Whether a request may go ahead, and if not, how long its client should wait. */
    record Decision(boolean allowed, Duration retryAfter) {

        static final Decision ALLOWED = new Decision(true, Duration.ZERO);

        /** {@code Retry-After} takes whole seconds: round up, and never tell a client to retry at once. */
        long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toNanos() + 999_999_999L) / 1_000_000_000L);
        }
    }

    private final int burst;
    private final long nanosPerRequest;
    private final int maxClients;
    private final NanoClock clock;
    private final LinkedHashMap<ClientKey, TokenBucket> buckets = new LinkedHashMap<>(64, 0.75f, true);

    RateLimiter(double requestsPerSecond, int burst, int maxClients, NanoClock clock) {
        if (!(requestsPerSecond > 0) || burst < 1 || maxClients < 1) {
            throw new IllegalArgumentException(
                    "a rate limit needs requests-per-second > 0, burst >= 1 and max-clients >= 1");
        }
        this.burst = burst;
        this.nanosPerRequest = Math.max(1, Math.round(1e9 / requestsPerSecond));
        this.maxClients = maxClients;
        this.clock = clock;
    }

    Decision tryAcquire(ClientKey client) {
        long now = clock.nanoTime();
        synchronized (buckets) {
            evictIdle(now);
            TokenBucket bucket = buckets.get(client);
            if (bucket == null) {
                if (buckets.size() >= maxClients) {
                    Iterator<ClientKey> eldest = buckets.keySet().iterator();
                    eldest.next();
                    eldest.remove();
                }
                bucket = new TokenBucket(burst, nanosPerRequest, now);
                buckets.put(client, bucket);
            }
            long wait = bucket.take(now);
            return wait == 0 ? Decision.ALLOWED : new Decision(false, Duration.ofNanos(wait));
        }
    }

    /** How many clients have a bucket now. */
    int clients() {
        synchronized (buckets) {
            return buckets.size();
        }
    }

    /** Drops buckets from the least recently used end while they are full again; stops at the first that is not. */
    private void evictIdle(long now) {
        Iterator<Map.Entry<ClientKey, TokenBucket>> entries = buckets.entrySet().iterator();
        while (entries.hasNext() && entries.next().getValue().fullAt(now)) {
            entries.remove();
        }
    }
}
