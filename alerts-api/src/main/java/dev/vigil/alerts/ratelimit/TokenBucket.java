package dev.vigil.alerts.ratelimit;

/**
 * One client's allowance: up to {@code burst} requests at once, refilled continuously, one request
 * every {@code nanosPerRequest}. It counts in whole nanoseconds of credit rather than fractional
 * tokens, so refills are exact. Time is monotonic ({@link NanoClock}), so a wall-clock step (NTP)
 * neither grants nor withholds requests. Not thread-safe: {@link RateLimiter} guards it.
 */
final class TokenBucket {

    private final long nanosPerRequest;
    private final long capacity;
    private long credit;
    private long refilledAt;

    TokenBucket(int burst, long nanosPerRequest, long now) {
        this.nanosPerRequest = nanosPerRequest;
        this.capacity = burst * nanosPerRequest;
        this.credit = capacity;
        this.refilledAt = now;
    }

    /** @return 0 when a request may go ahead (and takes its share), else the nanoseconds until one may */
    long take(long now) {
        credit = creditAt(now);
        refilledAt = now;
        if (credit >= nanosPerRequest) {
            credit -= nanosPerRequest;
            return 0;
        }
        return nanosPerRequest - credit;
    }

    /** Whether the bucket is full at {@code now}: then it knows nothing a new bucket does not. */
    boolean fullAt(long now) {
        return creditAt(now) == capacity;
    }

    private long creditAt(long now) {
        long elapsed = Math.max(0, now - refilledAt);
        return elapsed >= capacity - credit ? capacity : credit + elapsed;
    }
}
