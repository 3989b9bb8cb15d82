package dev.vigil.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A packaged Quarkus service ({@code <module>/target/quarkus-app/quarkus-run.jar}) run as its own
 * JVM, for the demo and for end-to-end tests: started with an environment and an HTTP port,
 * ready once {@code GET /q/health/ready} answers 200, stopped gracefully or killed outright.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final List<String> JVM_OPTIONS = List.of("-Xmx384m", "-XX:+UseSerialGC");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final String name;
    private final int port;
    private final ProcessHandle process;
    private final Path log;
    private final Thread killAtExit;
    private volatile boolean suspended;

    private ServiceProcess(String name, int port, ProcessHandle process, Path log, Thread killAtExit) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
        this.killAtExit = killAtExit;
    }

    /** Starts the service and waits up to 60 s for it to be ready. */
    public static ServiceProcess start(
            String name, Path quarkusRunJar, int port, Map<String, String> environment, Path logFile) {
        return start(name, quarkusRunJar, port, environment, logFile, READY_TIMEOUT);
    }

    /**
     * Starts the service with {@code environment} (plus {@code QUARKUS_HTTP_PORT}) and waits until
     * it is ready; its output is appended to {@code logFile}. It is killed when this JVM exits, if
     * it is still running then. Fails, with the log's tail, if it exits or is not ready in time.
     */
    public static ServiceProcess start(
            String name,
            Path quarkusRunJar,
            int port,
            Map<String, String> environment,
            Path logFile,
            Duration readyTimeout) {
        ProcessHandle process = launch(quarkusRunJar, port, environment, logFile, null, false);
        Thread killAtExit = new Thread(process::destroyForcibly, "kill-" + name);
        Runtime.getRuntime().addShutdownHook(killAtExit);
        ServiceProcess service = new ServiceProcess(name, port, process, logFile, killAtExit);
        try {
            Readiness.await(name, process, logFile, readyTimeout, () -> ready(port));
        } catch (RuntimeException e) {
            service.kill();
            throw e;
        }
        return service;
    }

    /** Starts the service detached from this JVM, tracked by a pid file: the stack CLI's services outlive it. */
    static void startDetached(
            StackLayout layout, String name, Path quarkusRunJar, int port, Map<String, String> environment) {
        Path log = layout.log(name);
        ProcessHandle process = launch(quarkusRunJar, port, environment, log, layout.pidFile(name), true);
        Readiness.await(name, process, log, READY_TIMEOUT, () -> ready(port));
    }

    /** The detached service started from {@code quarkusRunJar}, if it is running. */
    static Optional<ProcessHandle> running(StackLayout layout, String name, Path quarkusRunJar) {
        return ChildProcesses.running(
                layout.pidFile(name), quarkusRunJar.toAbsolutePath().toString());
    }

    static void stop(ProcessHandle process) {
        ChildProcesses.stop(process, STOP_GRACE);
    }

    /** Whether a service answers 200 on {@code /q/health/ready} at the port. */
    static boolean ready(int port) {
        return Readiness.answers200("http://127.0.0.1:" + port + "/q/health/ready", Duration.ofSeconds(2));
    }

    private static ProcessHandle launch(
            Path jar, int port, Map<String, String> environment, Path log, Path pidFile, boolean detach) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(
                    jar + " does not exist: package the service first (./mvnw -pl <module> package)");
        }
        Map<String, String> env = new HashMap<>(environment);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        return ChildProcesses.launch(command, env, log, pidFile, detach);
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port>} */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /**
     * SIGSTOP: the process freezes as a long GC pause or a stalled VM would freeze it (its threads,
     * heartbeats and timers stop; its sockets stay open) until {@link #resume()}.
     */
    public void suspend() {
        signal("STOP");
        suspended = true;
    }

    /** SIGCONT: a {@link #suspend() suspended} process runs on from where it was frozen. */
    public void resume() {
        signal("CONT");
        suspended = false;
    }

    public boolean isSuspended() {
        return suspended;
    }

    private void signal(String name) {
        if (!process.isAlive()) {
            throw new IllegalStateException(this.name + " (pid " + process.pid() + ") is not running");
        }
        ChildProcesses.run(
                List.of("kill", "-" + name, Long.toString(process.pid())),
                log,
                Duration.ofSeconds(10),
                log.toAbsolutePath().getParent());
    }

    /**
     * SIGTERM, so the service shuts down gracefully; SIGKILL if it is still running after 20 s. Returns once it is gone.
     * A suspended process is resumed first, so that it can handle the SIGTERM.
     */
    public void stop() {
        if (suspended && process.isAlive()) {
            resume();
        }
        stop(process);
        forgetKillAtExit();
    }

    /** SIGKILL, as a crash would end it (nothing is flushed, no shutdown hook runs). Returns once it is gone. */
    public void kill() {
        ChildProcesses.stop(process, Duration.ZERO);
        forgetKillAtExit();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }

    private void forgetKillAtExit() {
        try {
            Runtime.getRuntime().removeShutdownHook(killAtExit);
        } catch (IllegalStateException e) {
            // the JVM is already exiting: the hook runs and finds the process gone
        }
    }
}
