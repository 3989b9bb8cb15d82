package dev.vigil.e2e;

import dev.vigil.stack.DemoTokens;
import dev.vigil.stack.LocalStack;
import dev.vigil.stack.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The three services as users run them: their packaged jars, as separate processes, on free
 * ports, against the test stack. Closing stops them; their logs stay in {@code workDir}.
 */
final class Pipeline implements AutoCloseable {

    private final LocalStack stack;
    private final Path workDir;
    private final Map<String, String> environment;
    private final Map<String, ServiceProcess> running = new ConcurrentHashMap<>();
    private final DemoTokens tokens;

    private Pipeline(LocalStack stack, Path workDir) {
        this.stack = stack;
        this.workDir = workDir;
        this.environment = new HashMap<>(stack.serviceEnvironment());
        this.tokens = DemoTokens.in(workDir.resolve("jwt"));
        environment.put("VIGIL_ALERTS_JWT_PUBLIC_KEY", tokens.publicKeyFile().toString());
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        environment.put("VIGIL_PAN_TOKEN_KEY", HexFormat.of().formatHex(key));
    }

    /** Starts the scorer, then alerts-api, then ingest (the order of the flow's consumers first). */
    static Pipeline start(Path workDir) {
        Pipeline pipeline = new Pipeline(LocalStack.forTests(), workDir);
        try {
            for (String service : List.of("realtime-scorer", "alerts-api", "ingest-service")) {
                pipeline.startService(service);
            }
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
        return pipeline;
    }

    private void startService(String name) {
        startService(name, freePort());
    }

    private void startService(String name, int port) {
        Map<String, String> env = new HashMap<>(environment);
        if (name.equals("realtime-scorer")) {
            env.put("VIGIL_SCORER_STATE_DIR", workDir.resolve("scorer-state").toString());
        }
        running.put(name, ServiceProcess.start(name, jar(name), port, env, workDir.resolve(name + ".log")));
        stack.scrape(name, port);
    }

    /** Kills the service with SIGKILL, as a crash would: no shutdown hook runs, nothing is flushed. */
    void crash(String name) {
        running.get(name).kill();
    }

    /** Starts a crashed service again on the same port with the same state directory, as a supervisor would. */
    void restart(String name) {
        startService(name, running.get(name).port());
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

    /** A bearer token of the bank's app for alerts-api, signed with this pipeline's key pair. */
    String alertsToken(String bank) {
        return tokens.mint("app@" + bank, bank, "app", Duration.ofMinutes(15));
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
        running.values().forEach(ServiceProcess::stop);
        running.clear();
    }

    private static Path jar(String service) {
        Path root = Path.of(System.getProperty("vigil.repo.root", "..")).toAbsolutePath().normalize();
        return root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
