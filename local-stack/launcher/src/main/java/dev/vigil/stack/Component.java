package dev.vigil.stack;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

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

    /**
     * Starts {@code command} the way every component's process starts: its output appended to the
     * stack's log of {@link #name()}, its pid in the stack's pid file, detached from this JVM when the
     * stack is a daemon; returns once {@code ready} holds, or fails with the log's tail when the
     * process exits or {@code timeout} passes first.
     */
    static ProcessHandle launch(
            StackLayout layout,
            String name,
            Lifetime lifetime,
            String what,
            List<String> command,
            Map<String, String> environment,
            Duration timeout,
            BooleanSupplier ready) {
        ProcessHandle process = ChildProcesses.launch(
                command, environment, layout.log(name), layout.pidFile(name), lifetime == Lifetime.DAEMON);
        Readiness.await(what, process, layout.log(name), timeout, ready);
        return process;
    }
}
