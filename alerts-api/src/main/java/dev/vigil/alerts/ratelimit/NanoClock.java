package dev.vigil.alerts.ratelimit;

/**
 * Monotonic time in nanoseconds ({@link System#nanoTime()} in production). A bean of its own so
 * that tests can move time forward instead of sleeping through a refill.
 */
@FunctionalInterface
public interface NanoClock {

    long nanoTime();
}
