package dev.vigil.e2e;

import dev.vigil.stack.DemoTokens;
import dev.vigil.stack.Directories;
import dev.vigil.stack.LocalStack;
import dev.vigil.stack.Ports;
import dev.vigil.stack.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The three services as users run them: their packaged jars, as separate processes, on free
 * ports, against the test stack, and the means to crash, freeze and restart them. Closing stops
 * them; their logs and the scorers' state stay in {@code workDir}.
 */
final class Pipeline implements AutoCloseable {

    static final String SCORER = "realtime-scorer";

    private final LocalStack stack;
    private final Path workDir;
    private final Map<String, String> environment;
    private final Map<String, ServiceProcess> running = new ConcurrentHashMap<>();
    private final DemoTokens tokens;
    private final Map<String, String> scorerEnvironment = new HashMap<>();

    private Pipeline(LocalStack stack, Path workDir) {
        this.stack = stack;
        this.workDir = workDir;
        this.environment = new HashMap<>(stack.serviceEnvironment());
        this.tokens = DemoTokens.in(workDir.resolve("jwt"));
        environment.put("VIGIL_ALERTS_JWT_PUBLIC_KEY", tokens.publicKeyFile().toString());
        environment.put("VIGIL_INGEST_JWT_PUBLIC_KEY", tokens.publicKeyFile().toString());
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        environment.put("VIGIL_PAN_TOKEN_KEY", Base64.getEncoder().encodeToString(key));
    }

    /** Starts the scorer, then alerts-api, then ingest (the order of the flow's consumers first). */
    static Pipeline start(Path workDir) {
        return start(workDir, 1, Map.of());
    }

    /**
     * As {@link #start(Path)}, with {@code scorers} instances of the scorer (one group; each with
     * a state directory of its own: {@code realtime-scorer}, {@code realtime-scorer-2}, ...) and
     * {@code scorerEnvironment} added to theirs.
     */
    static Pipeline start(Path workDir, int scorers, Map<String, String> scorerEnvironment) {
        Pipeline pipeline = new Pipeline(LocalStack.forTests(), workDir);
        pipeline.scorerEnvironment.putAll(scorerEnvironment);
        try {
            for (int i = 1; i <= scorers; i++) {
                pipeline.startService(scorerInstance(i), Ports.free());
            }
            for (String service : List.of("alerts-api", "ingest-service")) {
                pipeline.startService(service, Ports.free());
            }
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
        return pipeline;
    }

    /** The name of the {@code n}th scorer instance, counting from 1. */
    static String scorerInstance(int n) {
        return n == 1 ? SCORER : SCORER + "-" + n;
    }

    /** {@code instance} is a service's name, or a scorer instance's ({@code realtime-scorer-2}). */
    private void startService(String instance, int port) {
        String service = instance.startsWith(SCORER) ? SCORER : instance;
        Map<String, String> env = new HashMap<>(environment);
        if (service.equals(SCORER)) {
            env.putAll(scorerEnvironment);
            env.put("VIGIL_SCORER_STATE_DIR", stateDir(instance).toString());
        }
        running.put(
                instance, ServiceProcess.start(instance, jar(service), port, env, workDir.resolve(instance + ".log")));
        if (instance.equals(service)) {
            // Prometheus has one job per service: only the first instance is scraped
            stack.scrape(service, port);
        }
    }

    /** Kills the service with SIGKILL, as a crash would: no shutdown hook runs, nothing is flushed. */
    void crash(String name) {
        running.get(name).kill();
    }

    /** Starts a crashed service again on the same port with the same state directory, as a supervisor would. */
    void restart(String name) {
        startService(name, running.get(name).port());
    }

    /**
     * Freezes the service with SIGSTOP, as a long GC pause or a stalled VM would: it holds its
     * connections but sends no heartbeat, until {@link #thaw}. {@link #close()} thaws it.
     */
    void freeze(String name) {
        running.get(name).suspend();
    }

    /** SIGCONT: the frozen service runs on from where it stopped. */
    void thaw(String name) {
        running.get(name).resume();
    }

    boolean isRunning(String name) {
        return running.containsKey(name) && running.get(name).isAlive();
    }

    /** {@code http://127.0.0.1:<port>} of a service or scorer instance. */
    String url(String name) {
        return running.get(name).baseUrl();
    }

    /** The scorer instances started, by name. */
    List<String> scorers() {
        return running.keySet().stream()
                .filter(name -> name.startsWith(SCORER))
                .sorted()
                .toList();
    }

    /** Deletes a stopped scorer instance's state directory (its RocksDB stores and checkpoints), as a lost disk would. */
    void wipeState(String scorer) {
        if (isRunning(scorer)) {
            throw new IllegalStateException(scorer + " is running: crash it before wiping its state");
        }
        Directories.deleteRecursively(stateDir(scorer));
        if (Files.exists(stateDir(scorer))) {
            throw new IllegalStateException("could not delete " + stateDir(scorer));
        }
    }

    private Path stateDir(String scorer) {
        return workDir.resolve(scorer + "-state");
    }

    LocalStack stack() {
        return stack;
    }

    String ingestUrl() {
        return running.get("ingest-service").baseUrl();
    }

    String alertsUrl() {
        return running.get("alerts-api").baseUrl();
    }

    /** A bearer token of the bank's sending system for ingest-service, signed with this pipeline's key pair. */
    String senderToken(String bank) {
        return tokens.mint("sender@" + bank, bank, DemoTokens.SENDER, Duration.ofMinutes(15));
    }

    /** A bearer token of the bank's app for alerts-api, signed with this pipeline's key pair. */
    String alertsToken(String bank) {
        return alertsToken("app@" + bank, bank);
    }

    /** A bearer token of another app client of the bank: alerts-api limits each client on its own. */
    String alertsToken(String client, String bank) {
        return tokens.mint(client, bank, "app", Duration.ofMinutes(15));
    }

    /** A bearer token of one of the bank's analysts, who may also decide alerts. */
    String analystToken(String bank) {
        return tokens.mint("analyst@" + bank, bank, "analyst", Duration.ofMinutes(15));
    }

    /** Every service log written so far, for checks that a value never appears in one. */
    List<String> logs() {
        return running.values().stream().map(service -> read(service.log())).toList();
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (ServiceProcess service : running.values()) {
            try {
                service.stop(); // resumes a frozen one first
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        running.clear();
        if (failure != null) {
            throw failure;
        }
    }

    private static Path jar(String service) {
        Path root = Path.of(System.getProperty("vigil.repo.root", ".."))
                .toAbsolutePath()
                .normalize();
        return root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
