package dev.vigil.alerts.sink;

import java.util.concurrent.atomic.AtomicReference;

/** What the sink is doing, for the readiness check: up once it reads and stores, down while it retries. */
final class SinkStatus {

    enum State { STARTING, UP, RETRYING, STOPPED }

    record Snapshot(State state, String detail) {
    }

    private final AtomicReference<Snapshot> current = new AtomicReference<>(new Snapshot(State.STARTING, "not polled yet"));

    void up() {
        current.set(new Snapshot(State.UP, "consuming"));
    }

    void retrying(String why) {
        current.set(new Snapshot(State.RETRYING, why));
    }

    void stopped(String why) {
        current.set(new Snapshot(State.STOPPED, why));
    }

    Snapshot snapshot() {
        return current.get();
    }
}
