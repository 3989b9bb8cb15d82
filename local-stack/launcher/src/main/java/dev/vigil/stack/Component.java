package dev.vigil.stack;

import java.util.Optional;

/**
 * One process of the stack (Kafka, the registry, PostgreSQL, its exporter, Prometheus): started unless
 * already running, probed, stopped.
 */
interface Component {

    /** Short name, also of its log, pid file and data directory. */
    String name();

    int port();

    /** Starts it unless it is already running, and returns once it answers. */
    void start();

    /** The process, if this stack's instance of it is running. */
    Optional<ProcessHandle> process();

    /** Whether it answers on its port right now (a quick probe, not a wait). */
    boolean healthy();

    /** Stops it if it is running. */
    void stop();
}
