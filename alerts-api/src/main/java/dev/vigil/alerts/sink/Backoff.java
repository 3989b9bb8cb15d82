package dev.vigil.alerts.sink;

import java.time.Duration;

/** Waits that double after each failure, up to a maximum, and start over after a success. */
final class Backoff {

    private final Duration initial;
    private final Duration max;
    private Duration next;

    Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
        this.next = initial;
    }

    void sleep() throws InterruptedException {
        Thread.sleep(next.toMillis());
        next = next.multipliedBy(2).compareTo(max) > 0 ? max : next.multipliedBy(2);
    }

    void reset() {
        next = initial;
    }
}
