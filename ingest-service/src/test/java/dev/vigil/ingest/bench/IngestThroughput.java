package dev.vigil.ingest.bench;

import dev.vigil.card.CardNumbers;
import dev.vigil.ingest.testing.JsonText;
import dev.vigil.ingest.testing.SampleRequests;
import dev.vigil.stack.DemoTokens;
import dev.vigil.stack.LocalStack;
import dev.vigil.stack.Ports;
import dev.vigil.stack.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Ingest alone (docs/benchmarks.md, "ingest-service alone"): how many transactions per second the packaged
 * service accepts over HTTP (validation, tokenisation, the idempotency claim in PostgreSQL, {@code acks=all}
 * from an idempotent producer before each {@code 202}), the latency of its requests, and its CPU per
 * transaction. Not a test: a main run by hand, against the test stack (own ports, temp dirs).
 *
 * <p>Arguments: {@code [endpoint=single|batch] [rate=0] [transactions=100000] [concurrency=32] [batch=100]}.
 * Rate 0 is a closed loop, {@code concurrency} requests always in flight: what the service can take. A rate
 * is an open loop at that many transactions per second: requests are due at fixed times and latency counts
 * from when each was due, so queueing shows (at most {@code concurrency} in flight; a request that finds
 * none free waits and is late). The first tenth of the requests warms the service up and is not counted.
 * The system property {@code ingest.jvm.options} is handed to the service's JVM as {@code JAVA_TOOL_OPTIONS}
 * (a flight recording, say).
 */
public final class IngestThroughput {

    private IngestThroughput() {}

    public static void main(String[] args) throws Exception {
        String endpoint = args.length > 0 ? args[0] : "single";
        double rate = args.length > 1 ? Double.parseDouble(args[1]) : 0;
        int transactions = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        int concurrency = args.length > 3 ? Integer.parseInt(args[3]) : 32;
        int batch = endpoint.equals("batch") ? (args.length > 4 ? Integer.parseInt(args[4]) : 100) : 1;
        if (!endpoint.equals("single") && !endpoint.equals("batch")) {
            throw new IllegalArgumentException("endpoint: single or batch, not " + endpoint);
        }
        Path work = Files.createTempDirectory("vigil-ingest-bench");
        try (LocalStack stack = LocalStack.forTests()) {
            DemoTokens tokens = DemoTokens.in(work.resolve("jwt"));
            Map<String, String> env = new HashMap<>(stack.serviceEnvironment());
            env.put("VIGIL_INGEST_JWT_PUBLIC_KEY", tokens.publicKeyFile().toString());
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            env.put("VIGIL_PAN_TOKEN_KEY", Base64.getEncoder().encodeToString(key));
            String jvmOptions = System.getProperty("ingest.jvm.options");
            if (jvmOptions != null) {
                env.put("JAVA_TOOL_OPTIONS", jvmOptions);
            }
            Path jar = Path.of(System.getProperty("vigil.repo.root", "."))
                    .toAbsolutePath()
                    .resolve("ingest-service/target/quarkus-app/quarkus-run.jar");
            try (ServiceProcess ingest = ServiceProcess.start(
                    "ingest-service", jar, Ports.free(), env, work.resolve("ingest-service.log"))) {
                String token = tokens.mint("sender@bank-a", "bank-a", DemoTokens.SENDER, Duration.ofHours(1));
                URI uri = URI.create(ingest.baseUrl() + "/api/v1/transactions" + (batch > 1 ? "/batch" : ""));
                List<byte[]> bodies = bodies(transactions, batch);
                ExecutorService executor = Executors.newFixedThreadPool(2);
                try {
                    measure(stack, ingest, uri, token, bodies, batch, rate, concurrency, endpoint, executor);
                } finally {
                    executor.shutdownNow();
                }
            }
        }
    }

    private static void measure(
            LocalStack stack,
            ServiceProcess ingest,
            URI uri,
            String token,
            List<byte[]> bodies,
            int batch,
            double rate,
            int concurrency,
            String endpoint,
            ExecutorService executor)
            throws Exception {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(executor)
                .build();
        Semaphore inFlight = new Semaphore(concurrency);
        int warmUp = bodies.size() / 10;
        long[] latencies = new long[bodies.size()];
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        ProcessHandle process = ProcessHandle.of(ingest.pid()).orElseThrow();
        long intervalNanos = rate > 0 ? Math.round(1e9 * batch / rate) : 0;
        long start = System.nanoTime();
        long measuredFrom = 0;
        Duration cpuFrom = Duration.ZERO;
        long commitsFrom = 0;
        List<CompletableFuture<?>> sent = new ArrayList<>(bodies.size());
        for (int i = 0; i < bodies.size(); i++) {
            if (i == warmUp) {
                // the warm-up's requests finish first, so the measured span holds only measured requests
                CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
                start = System.nanoTime() - (long) i * intervalNanos;
                measuredFrom = System.nanoTime();
                cpuFrom = cpu(process);
                commitsFrom = databaseCommits(stack);
            }
            long due = rate > 0 ? start + i * intervalNanos : System.nanoTime();
            while (System.nanoTime() < due) {
                LockSupport.parkNanos(due - System.nanoTime());
            }
            inFlight.acquire();
            int index = i;
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i)))
                    .build();
            sent.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, error) -> {
                        latencies[index] = System.nanoTime() - due;
                        inFlight.release();
                        if (error != null || response.statusCode() != 202) {
                            failed.incrementAndGet();
                            firstFailure.compareAndSet(
                                    null,
                                    error != null ? error.toString() : response.statusCode() + " " + response.body());
                        }
                    }));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
        double seconds = (System.nanoTime() - measuredFrom) / 1e9;
        double cpuSeconds = (cpu(process).minus(cpuFrom)).toNanos() / 1e9;
        long commits = databaseCommits(stack) - commitsFrom;
        long measuredRequests = bodies.size() - warmUp;
        long measuredTransactions = measuredRequests * batch;
        long[] measured = Arrays.copyOfRange(latencies, warmUp, latencies.length);
        Arrays.sort(measured);
        System.out.printf(
                Locale.ROOT,
                "%n| endpoint | batch | offered tx/s | in flight | transactions | accepted tx/s | request p50 / p99 / p99.9 ms | ingest CPU µs per tx | database commits per request | failed |%n"
                        + "|---|---|---|---|---|---|---|---|---|---|%n"
                        + "| %s | %d | %s | %d | %d | %.0f | %.1f / %.1f / %.1f | %.1f | %.2f | %d |%n",
                endpoint,
                batch,
                rate > 0 ? String.format(Locale.ROOT, "%.0f", rate) : "closed loop",
                concurrency,
                measuredTransactions,
                measuredTransactions / seconds,
                quantile(measured, 0.5),
                quantile(measured, 0.99),
                quantile(measured, 0.999),
                cpuSeconds * 1e6 / measuredTransactions,
                (double) commits / measuredRequests,
                failed.get());
        System.out.printf(
                Locale.ROOT,
                "(%d cores; load average %s at the end)%n",
                Runtime.getRuntime().availableProcessors(),
                Files.readString(Path.of("/proc/loadavg")).trim());
        if (failed.get() > 0) {
            System.out.println("first failure: " + firstFailure.get());
        }
    }

    /** Request bodies of {@code batch} transactions each, {@code transactions} in all, over 10,000 test cards. */
    private static List<byte[]> bodies(int transactions, int batch) {
        Random random = new Random(42);
        List<String> cards = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            String body = String.format(Locale.ROOT, "455649%09d", i);
            cards.add(body + CardNumbers.checkDigit(body));
        }
        // a minute ago: inside ingest's window for the whole run
        String timestamp = SampleRequests.iso(Instant.now().minusSeconds(60));
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<byte[]> bodies = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < transactions; i++) {
            String transaction = JsonText.object()
                    .text("transactionId", "tx-" + run + "-" + i)
                    .text("bankId", "bank-a")
                    .text("pan", cards.get(random.nextInt(cards.size())))
                    .text("amount", String.format(Locale.ROOT, "%d.%02d", 1 + random.nextInt(300), random.nextInt(100)))
                    .text("currency", "EUR")
                    .text("merchantId", "m-" + random.nextInt(2_000))
                    .text("mcc", "5411")
                    .text("merchantCountry", "DE")
                    .text("channel", "CARD_PRESENT")
                    .text("timestamp", timestamp)
                    .render();
            if (batch == 1) {
                bodies.add(transaction.getBytes(StandardCharsets.UTF_8));
                continue;
            }
            body.append(body.length() == 0 ? "{\"transactions\":[" : ",").append(transaction);
            if ((i + 1) % batch == 0 || i == transactions - 1) {
                bodies.add(body.append("]}").toString().getBytes(StandardCharsets.UTF_8));
                body.setLength(0);
            }
        }
        return bodies;
    }

    private static double quantile(long[] sortedNanos, double q) {
        return sortedNanos[Math.min(sortedNanos.length - 1, (int) Math.floor(q * sortedNanos.length))] / 1e6;
    }

    /** Transactions committed in the stack's database so far: each statement ingest runs is one (autocommit). */
    private static long databaseCommits(LocalStack stack) throws SQLException {
        try (Connection connection = DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
                ResultSet row = connection
                        .createStatement()
                        .executeQuery("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")) {
            row.next();
            return row.getLong(1);
        }
    }

    private static Duration cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().orElseThrow();
    }
}
