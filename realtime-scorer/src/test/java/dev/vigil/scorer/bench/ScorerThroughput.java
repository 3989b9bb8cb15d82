package dev.vigil.scorer.bench;

import dev.vigil.events.Channel;
import dev.vigil.events.MerchantRisk;
import dev.vigil.events.ModelBundle;
import dev.vigil.events.Transaction;
import dev.vigil.schemas.TopicSerdes;
import dev.vigil.schemas.Topics;
import dev.vigil.stack.LocalStack;
import dev.vigil.stack.Ports;
import dev.vigil.stack.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The scorer alone (docs/benchmarks.md, "scorer alone"): how many records per second, and how
 * much CPU per record, the packaged scorer takes from a pre-filled {@code transactions} topic to
 * {@code transaction-scores}, with its RocksDB card profiles and a 100-tree gradient-boosted model
 * in force. Not a test: a main run by hand (command in docs/benchmarks.md).
 *
 * <p>It starts the test stack (own ports, temp dirs), writes {@code records} transactions over
 * {@code cards} cards, each card's {@value #HOURS_APART} hours apart in event time (a card used four times
 * a day: so the rules alert on a realistic share, not on a burst at every card), at {@value #MERCHANTS} merchants, publishes a
 * random 100-tree depth-6 GBT for every bank and a merchant-risk table as the trainer publishes one
 * (every merchant with recent transactions, for the bank and for all banks, a few of them common points
 * of purchase), then starts the scorer under a fresh application id so it reads the topic from
 * the beginning. The first quarter of the records warms it up (startup, and the JIT compilers,
 * which take most of its CPU at first); throughput counts from there to the last record, and CPU
 * is the scorer process's user + system time over the same span, so records per CPU-second is the
 * per-core rate whatever else the machine runs.
 *
 * <p>Arguments: {@code [records=200000] [cards=20000] [guarantee=exactly_once_v2]}. The system
 * property {@code scorer.jvm.options} is handed to the scorer's JVM as {@code JAVA_TOOL_OPTIONS}
 * (a flight recording, say: {@code -XX:StartFlightRecording=settings=profile,filename=scorer.jfr}).
 */
public final class ScorerThroughput {

    private static final Pattern SCORED =
            Pattern.compile("^vigil_scorer_scored_total\\{[^}]*} ([0-9.eE+]+)$", Pattern.MULTILINE);
    private static final Pattern ALERTED =
            Pattern.compile("^vigil_scorer_alerted_total ([0-9.eE+]+)$", Pattern.MULTILINE);
    private static final Pattern MERCHANT_RISK_APPLIED =
            Pattern.compile("^vigil_scorer_merchant_risk_applied_total ([0-9.eE+]+)$", Pattern.MULTILINE);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int MERCHANTS = 2_000;
    private static final int HOURS_APART = 6;

    private ScorerThroughput() {}

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int cards = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        String guarantee = args.length > 2 ? args[2] : "exactly_once_v2";
        try (LocalStack stack = LocalStack.forTests()) {
            fill(stack, records, cards);
            ModelBundle model = BenchModel.model();
            BenchModel.send(
                    stack.kafkaBootstrapServers(), stack.registryUrl(), Topics.FRAUD_MODELS, model.getBankId(), model);
            publishMerchantRisk(stack);

            Path work = Files.createTempDirectory("vigil-scorer-bench");
            Map<String, String> env = new HashMap<>(stack.serviceEnvironment());
            env.put("VIGIL_SCORER_STATE_DIR", work.resolve("state").toString());
            env.put("QUARKUS_KAFKA_STREAMS_APPLICATION_ID", "vigil-scorer-bench-" + UUID.randomUUID());
            env.put("KAFKA_STREAMS_PROCESSING_GUARANTEE", guarantee);
            String jvmOptions = System.getProperty("scorer.jvm.options");
            if (jvmOptions != null) {
                env.put("JAVA_TOOL_OPTIONS", jvmOptions);
            }
            Path jar = Path.of(System.getProperty("vigil.repo.root", "."))
                    .toAbsolutePath()
                    .resolve("realtime-scorer/target/quarkus-app/quarkus-run.jar");
            try (ServiceProcess scorer = ServiceProcess.start(
                    "realtime-scorer", jar, Ports.free(), env, work.resolve("realtime-scorer.log"))) {
                measure(scorer, records, cards, guarantee);
            }
        }
    }

    private static void measure(ServiceProcess scorer, int records, int cards, String guarantee) throws Exception {
        ProcessHandle process = ProcessHandle.of(scorer.pid()).orElseThrow();
        // a quarter of the records warm the scorer up (the JIT compilers take most of the CPU at first)
        long warmUp = records / 4;
        long firstCount;
        while ((firstCount = scored(scorer)) < warmUp) {
            Thread.sleep(100);
        }
        long startNanos = System.nanoTime();
        Instant from = Instant.now();
        Duration startCpu = cpu(process);
        long count = firstCount;
        Instant deadline = Instant.now().plus(Duration.ofMinutes(30));
        while (count < records && Instant.now().isBefore(deadline)) {
            // once a second, as a scraper would: a scrape costs the scorer CPU too
            Thread.sleep(1000);
            count = scored(scorer);
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double cpuSeconds = cpu(process).minus(startCpu).toNanos() / 1e9;
        long measured = count - firstCount;
        System.out.printf(
                Locale.ROOT,
                "%n| records | cards | guarantee | records/s | CPU µs/record | records per CPU-second |%n");
        System.out.printf(Locale.ROOT, "|---|---|---|---|---|---|%n");
        System.out.printf(
                Locale.ROOT,
                "| %d | %d | %s | %.0f | %.1f | %.0f |%n",
                measured,
                cards,
                guarantee,
                measured / seconds,
                cpuSeconds * 1e6 / measured,
                measured / cpuSeconds);
        System.out.printf(
                Locale.ROOT,
                "(%d cores; load average %s while it ran; measured from %s to %s; %.2f %% of all records alerted;"
                        + " %.0f merchant-risk records applied)%n",
                Runtime.getRuntime().availableProcessors(),
                Files.readString(Path.of("/proc/loadavg")).trim(),
                from,
                Instant.now(),
                100.0 * sum(ALERTED, metrics(scorer)) / count,
                sum(MERCHANT_RISK_APPLIED, metrics(scorer)));
        if (count < records) {
            throw new IllegalStateException("only " + count + " of " + records + " records were scored in 30 minutes");
        }
    }

    /** Transactions over {@code cards} cards, {@value #HOURS_APART} hours apart per card in event time, in card-interleaved order. */
    static void fill(LocalStack stack, int records, int cards) {
        Random random = new Random(42);
        Duration apart = Duration.ofHours(HOURS_APART);
        Instant start = Instant.now().minus(apart.multipliedBy((records + cards - 1) / cards));
        produce(
                stack,
                IntStream.range(0, records)
                        .mapToObj(i -> transaction(
                                "tx-bench-" + i,
                                i % cards,
                                start.plus(apart.multipliedBy(i / cards)).plusMillis(i % cards),
                                random))
                        .iterator());
    }

    /** Writes {@code transactions} to their topic in order, each keyed by its card, and flushes. */
    static void produce(LocalStack stack, Iterator<Transaction> transactions) {
        TopicSerdes serdes = new TopicSerdes(stack.registryUrl(), true);
        try (Serde<String> keys = serdes.keySerde(Topics.TRANSACTIONS);
                Serde<Transaction> values = serdes.valueSerde(Topics.TRANSACTIONS);
                KafkaProducer<String, Transaction> producer = new KafkaProducer<>(
                        BenchModel.producerConfig(stack.kafkaBootstrapServers()),
                        keys.serializer(),
                        values.serializer())) {
            while (transactions.hasNext()) {
                Transaction tx = transactions.next();
                producer.send(new ProducerRecord<>(
                        Topics.TRANSACTIONS.name(), tx.getCardToken().toString(), tx));
            }
            producer.flush();
        }
    }

    /** The token of the benchmark's card {@code index}. */
    static String card(int index) {
        return "tok-bench-" + index;
    }

    /** A purchase of card {@code index} at {@code at}, its amount, merchant and channel drawn from {@code random}. */
    static Transaction transaction(String transactionId, int index, Instant at, Random random) {
        return Transaction.newBuilder()
                .setTransactionId(transactionId)
                .setBankId("bank-a")
                .setCardToken(card(index))
                .setCardBin("455673")
                .setCardLast4(String.format(Locale.ROOT, "%04d", index % 10_000))
                .setAmountMinor(500 + random.nextInt(20_000))
                .setCurrency("EUR")
                .setMerchantId("m-" + random.nextInt(MERCHANTS))
                .setMcc(random.nextBoolean() ? "5411" : "5732")
                .setMerchantCountry(random.nextInt(50) == 0 ? "BR" : "DE")
                .setChannel(random.nextInt(4) == 0 ? Channel.CARD_NOT_PRESENT : Channel.CARD_PRESENT)
                .setEventTime(at)
                .setUtcOffsetMinutes(60)
                .setReceivedAt(at)
                .build();
    }

    /**
     * What the trainer would publish for the benchmark's merchants: a record per merchant for the bank
     * and one for all banks (the scorer finds the bank's own), fraud rates around 0.1 %, and one merchant
     * in a hundred a common point of purchase, so that the card features' look-ups of a card's recent merchants find
     * records to decode, as they do in production.
     */
    private static void publishMerchantRisk(LocalStack stack) {
        Random random = new Random(11);
        Instant computedAt = Instant.now();
        TopicSerdes serdes = new TopicSerdes(stack.registryUrl(), true);
        try (Serde<MerchantRisk> values = serdes.valueSerde(Topics.MERCHANT_RISK);
                KafkaProducer<String, MerchantRisk> producer = new KafkaProducer<>(
                        BenchModel.producerConfig(stack.kafkaBootstrapServers()),
                        new StringSerializer(),
                        values.serializer())) {
            for (String scope : List.of("bank-a", Topics.ALL_BANKS)) {
                for (int m = 0; m < MERCHANTS; m++) {
                    String merchantId = "m-" + m;
                    long cards = 20 + random.nextInt(400);
                    long defrauded = random.nextInt(100) == 0 ? 1 + random.nextInt(20) : 0;
                    MerchantRisk risk = MerchantRisk.newBuilder()
                            .setBankId(scope)
                            .setMerchantId(merchantId)
                            .setReferenceTime(computedAt)
                            .setLabelDelayDays(7)
                            .setTransactions1d(cards / 10)
                            .setTransactions7d(cards)
                            .setTransactions30d(cards * 4)
                            .setFraudRate1d(random.nextDouble() * 0.002)
                            .setFraudRate7d(random.nextDouble() * 0.002)
                            .setFraudRate30d(random.nextDouble() * 0.002)
                            .setCommonPointCards(cards)
                            .setCommonPointDefraudedCards(defrauded)
                            .setCommonPointScore(defrauded / (cards + 10.0))
                            .setComputedAt(computedAt)
                            .build();
                    producer.send(new ProducerRecord<>(
                            Topics.MERCHANT_RISK.name(), Topics.merchantRiskKey(scope, merchantId), risk));
                }
            }
            producer.flush();
        }
    }

    /** The scorer's own count of scored records, from its Prometheus endpoint (all decisions and models). */
    static long scored(ServiceProcess scorer) throws IOException, InterruptedException {
        return (long) sum(SCORED, metrics(scorer));
    }

    private static String metrics(ServiceProcess scorer) throws IOException, InterruptedException {
        return HTTP.send(
                        HttpRequest.newBuilder(URI.create(scorer.baseUrl() + "/q/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static double sum(Pattern samples, String metrics) {
        Matcher m = samples.matcher(metrics);
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return total;
    }

    private static Duration cpu(ProcessHandle process) {
        return process.info()
                .totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("no CPU time for the scorer"));
    }
}
