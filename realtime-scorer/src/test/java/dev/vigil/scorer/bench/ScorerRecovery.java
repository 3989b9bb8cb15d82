package dev.vigil.scorer.bench;

import dev.vigil.events.ModelBundle;
import dev.vigil.events.TransactionScore;
import dev.vigil.features.FeatureSchema;
import dev.vigil.schemas.TopicSerdes;
import dev.vigil.schemas.Topics;
import dev.vigil.stack.LocalStack;
import dev.vigil.stack.Ports;
import dev.vigil.stack.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serde;

/**
 * Recovery (docs/benchmarks.md, "scorer recovery"): how long a scorer whose local state was lost (a new
 * machine, a wiped disk) takes to restore its card profiles and dedup store from their changelogs and
 * score again. Not a test: a main run by hand.
 *
 * <p>It starts the test stack, writes {@code records} transactions over {@code cards} cards (as
 * {@link ScorerThroughput} does) and a 100-tree model, lets a scorer score them all and stops it cleanly,
 * then starts a scorer of the same application id on an empty state folder and sends one more transaction
 * of a card seen before. It prints the changelogs' sizes, the time from the second scorer's start to
 * ready, and to that transaction's score, and checks the score was made with the card's restored profile
 * (its {@code prior_count} is the card's earlier transactions), so an empty store cannot pass for a fast one.
 *
 * <p>Arguments: {@code [cards=1000000] [records=cards]}.
 */
public final class ScorerRecovery {

    private static final Duration RESTORE_TIMEOUT = Duration.ofMinutes(15);

    private ScorerRecovery() {}

    public static void main(String[] args) throws Exception {
        int cards = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int records = args.length > 1 ? Integer.parseInt(args[1]) : cards;
        try (LocalStack stack = LocalStack.forTests()) {
            long fillStart = System.nanoTime();
            ScorerThroughput.fill(stack, records, cards);
            System.out.printf(
                    Locale.ROOT, "filled %d records over %d cards in %.0f s%n", records, cards, since(fillStart));
            ModelBundle model = BenchModel.model();
            BenchModel.send(
                    stack.kafkaBootstrapServers(), stack.registryUrl(), Topics.FRAUD_MODELS, model.getBankId(), model);

            Path work = Files.createTempDirectory("vigil-scorer-recovery");
            String applicationId = "vigil-scorer-recovery-" + UUID.randomUUID();
            Map<String, String> env = new HashMap<>(stack.serviceEnvironment());
            env.put("QUARKUS_KAFKA_STREAMS_APPLICATION_ID", applicationId);
            Path jar = Path.of(System.getProperty("vigil.repo.root", "."))
                    .toAbsolutePath()
                    .resolve("realtime-scorer/target/quarkus-app/quarkus-run.jar");

            env.put("VIGIL_SCORER_STATE_DIR", work.resolve("state-first").toString());
            long scoreStart = System.nanoTime();
            try (ServiceProcess first =
                    ServiceProcess.start("realtime-scorer", jar, Ports.free(), env, work.resolve("first.log"))) {
                awaitScored(first, records, Duration.ofMinutes(60));
            }
            System.out.printf(
                    Locale.ROOT, "the first scorer scored them all and stopped in %.0f s%n", since(scoreStart));
            Map<String, Long> changelogs = changelogOffsets(stack, applicationId);

            // the lost disk: a state folder the second scorer has never written
            env.put("VIGIL_SCORER_STATE_DIR", work.resolve("state-second").toString());
            long start = System.nanoTime();
            double ready;
            double scored;
            long priorCount;
            try (ServiceProcess second = ServiceProcess.start(
                    "realtime-scorer", jar, Ports.free(), env, work.resolve("second.log"), RESTORE_TIMEOUT)) {
                ready = since(start);
                String transactionId = "tx-recovery-" + UUID.randomUUID();
                sendOneMore(stack, transactionId);
                awaitScored(second, 1, RESTORE_TIMEOUT);
                scored = since(start);
                priorCount = priorCountOf(stack, transactionId);
            }
            long expectedPrior = (records + cards - 1L) / cards;
            if (priorCount != expectedPrior) {
                throw new IllegalStateException("the card's prior count after the restore was " + priorCount
                        + ", not its " + expectedPrior + " earlier transactions: its profile was not restored");
            }
            System.out.printf(
                    Locale.ROOT,
                    "%n| cards | records | changelog end offsets | start to ready s | start to the next score s |%n"
                            + "|---|---|---|---|---|%n| %d | %d | %s | %.1f | %.1f |%n",
                    cards,
                    records,
                    changelogs.entrySet().stream()
                            .map(e -> e.getKey() + " " + e.getValue())
                            .collect(Collectors.joining(", ")),
                    ready,
                    scored);
            System.out.printf(
                    Locale.ROOT,
                    "(%d cores; load average %s; the next transaction's prior_count %d, as before the restore)%n",
                    Runtime.getRuntime().availableProcessors(),
                    Files.readString(Path.of("/proc/loadavg")).trim(),
                    priorCount);
        }
    }

    private static void awaitScored(ServiceProcess scorer, long count, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (ScorerThroughput.scored(scorer) < count) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("fewer than " + count + " records scored within " + timeout);
            }
            Thread.sleep(100);
        }
    }

    /** The end offset of each changelog topic of the application (records plus transaction markers). */
    private static Map<String, Long> changelogOffsets(LocalStack stack, String applicationId) throws Exception {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
            List<String> topics = admin.listTopics().names().get().stream()
                    .filter(t -> t.startsWith(applicationId) && t.endsWith("-changelog"))
                    .toList();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get().forEach((name, description) -> description
                    .partitions()
                    .forEach(p -> latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
            Map<String, Long> offsets = new TreeMap<>();
            admin.listOffsets(latest)
                    .all()
                    .get()
                    .forEach((partition, info) -> offsets.merge(
                            partition.topic().substring(applicationId.length() + 1), info.offset(), Long::sum));
            return offsets;
        }
    }

    /** A transaction of the first card, now (after all of its earlier ones). */
    private static void sendOneMore(LocalStack stack, String transactionId) {
        Instant at = Instant.now().minus(Duration.ofMinutes(1));
        ScorerThroughput.produce(
                stack,
                List.of(ScorerThroughput.transaction(transactionId, 0, at, new Random(7)))
                        .iterator());
    }

    private static long priorCountOf(LocalStack stack, String transactionId) {
        TopicSerdes serdes = new TopicSerdes(stack.registryUrl(), true);
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "recovery-check-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        int priorCount = FeatureSchema.CURRENT.indexOf(FeatureSchema.Names.PRIOR_COUNT);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        try (Serde<String> keys = serdes.keySerde(Topics.TRANSACTION_SCORES);
                Serde<TransactionScore> values = serdes.valueSerde(Topics.TRANSACTION_SCORES);
                KafkaConsumer<String, TransactionScore> consumer =
                        new KafkaConsumer<>(config, keys.deserializer(), values.deserializer())) {
            consumer.subscribe(List.of(Topics.TRANSACTION_SCORES.name()));
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, TransactionScore> record : consumer.poll(Duration.ofSeconds(1))) {
                    if (record.value().getTransactionId().toString().equals(transactionId)) {
                        return Math.round(record.value().getFeatures().get(priorCount));
                    }
                }
            }
        }
        throw new IllegalStateException("no score of " + transactionId + " on " + Topics.TRANSACTION_SCORES.name());
    }

    private static double since(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
