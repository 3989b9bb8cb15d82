package dev.vigil.loadgen.send;

/**
 * When each request is meant to go out at a fixed rate, whatever happened to the ones before.
 * Latency is measured from that intended time, not from when the request actually left: a
 * server that stalls makes the requests behind it wait, and that wait is part of what their
 * senders would see (no coordinated omission).
 */
public record OpenLoopSchedule(long startNanos, double ratePerSecond) {

    public OpenLoopSchedule {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("the rate must be positive, it is " + ratePerSecond);
        }
    }

    /** The intended send time of request {@code index} (0-based), on the {@link System#nanoTime()} scale. */
    public long intendedNanos(long index) {
        return startNanos + Math.round(index * 1e9 / ratePerSecond);
    }

    /** The latency a request's sender sees: from when it was meant to go out to its answer. */
    public static long latencyNanos(long intendedNanos, long completedNanos) {
        return Math.max(0, completedNanos - intendedNanos);
    }
}
