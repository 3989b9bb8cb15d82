package dev.vigil.alerts.sink;

import java.util.concurrent.atomic.AtomicReference;

/** What the sink is doing, for the readiness check: up while it holds partitions and reads and stores, down otherwise. */
final class SinkStatus {

    enum State {
        STARTING,
        UNASSIGNED,
        UP,
        RETRYING,
        STOPPED
    }

    record Snapshot(State state, String detail) {}

    private final AtomicReference<Snapshot> current =
            new AtomicReference<>(new Snapshot(State.STARTING, "not polled yet"));

    void up() {
        current.set(new Snapshot(State.UP, "consuming"));
    }

    /** Holds no partitions: alerts are not being stored by this instance. */
    void unassigned(String why) {
        current.set(new Snapshot(State.UNASSIGNED, why));
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
