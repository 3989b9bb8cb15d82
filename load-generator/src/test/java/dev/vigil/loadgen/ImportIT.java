package dev.vigil.loadgen;

import static dev.vigil.loadgen.RecordChecks.decode;
import static dev.vigil.loadgen.RecordChecks.hmacSha256Base64Url;
import static dev.vigil.loadgen.RecordChecks.readWithoutCardNumbers;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.Label;
import dev.vigil.events.LabelSource;
import dev.vigil.events.Transaction;
import dev.vigil.events.TransactionLabel;
import dev.vigil.loadgen.RecordChecks.Keyed;
import dev.vigil.loadgen.replay.ReplayPlan;
import dev.vigil.schemas.Topic;
import dev.vigil.schemas.Topics;
import dev.vigil.stack.LocalStack;
import dev.vigil.stack.testing.TopicProbe;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code import} against the real broker and registry: months of history land on the topics with
 * their own event times, labels at their own label times, keyed by the card token, without a card
 * number anywhere; and the broker's retention check leaves such old records on the catalogue's
 * topics while it deletes them from a topic with time-based retention.
 */
class ImportIT {

    static final Duration LABEL_DELAY = Duration.ofDays(7);

    @TempDir
    Path workDir;

    private final byte[] key = randomKey();

    @Test
    void monthsOfHistoryLandWithTheirEventTimesAndLabelsAtTheirLabelTimes() throws Exception {
        LocalStack stack = LocalStack.forTests();
        String run = "imp-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        // 220 days of history ending a month ago: one row a day, on 12 cards, every 9th a fraud
        Instant first = Instant.now().minus(Duration.ofDays(250)).truncatedTo(ChronoUnit.DAYS);
        StringBuilder csv = new StringBuilder("tx_id,event_time,customer,terminal,amount,is_fraud\n");
        List<String> frauds = new ArrayList<>();
        for (int day = 0; day < 220; day++) {
            String id = run + day;
            Instant time = first.plus(Duration.ofDays(day)).plusSeconds(37L * day);
            String amount = day == 3 ? "0" : day == 4 ? "85.64999999999999" : (10 + day) + ".25";
            boolean fraud = day % 9 == 0;
            if (fraud) {
                frauds.add(id);
            }
            csv.append(id)
                    .append(',')
                    .append(time)
                    .append(",cust-")
                    .append(day % 12)
                    .append(",term-")
                    .append(day % 5)
                    .append(',')
                    .append(amount)
                    .append(',')
                    .append(fraud ? 1 : 0)
                    .append('\n');
        }
        Path file = Files.writeString(workDir.resolve("history.csv"), csv);
        TopicProbe probe = new TopicProbe(stack);
        Map<TopicPartition, Long> transactionsBefore = probe.endOffsets(Topics.TRANSACTIONS.name());
        Map<TopicPartition, Long> labelsBefore = probe.endOffsets(Topics.TRANSACTION_LABELS.name());

        Result result = runImport(stack, file, "--label-delay", "7d");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out().strip())
                .matches("imported: 220 transactions, " + frauds.size()
                        + " labels, 0 skipped, 1 rounded in \\d+\\.\\d s \\(\\d+ rows/s\\)");
        List<String> pans = java.util.stream.IntStream.range(0, 12)
                .mapToObj(c -> ReplayPlan.panFor("cust-" + c))
                .toList();
        Map<String, String> tokenToPan =
                pans.stream().collect(Collectors.toMap(pan -> hmacSha256Base64Url(key, pan), Function.identity()));
        assertThat(result.out() + result.err())
                .doesNotContain(Base64.getEncoder().encodeToString(key));
        assertThat(pans).noneMatch((result.out() + result.err())::contains);

        List<ConsumerRecord<byte[], byte[]>> transactionRecords =
                readWithoutCardNumbers(stack, Topics.TRANSACTIONS, transactionsBefore, pans);
        List<ConsumerRecord<byte[], byte[]>> labelRecords =
                readWithoutCardNumbers(stack, Topics.TRANSACTION_LABELS, labelsBefore, pans);

        List<Keyed<Transaction>> transactions = decode(stack, Topics.TRANSACTIONS, transactionRecords).stream()
                .filter(t -> t.value().getTransactionId().startsWith(run))
                .toList();
        assertThat(transactions)
                .extracting(t -> t.value().getTransactionId())
                .as("every transaction once, the file's ids kept")
                .doesNotHaveDuplicates()
                .hasSize(220);
        assertThat(transactions).allSatisfy(t -> {
            assertThat(t.timestamp())
                    .as("Kafka timestamp = event time")
                    .isEqualTo(t.value().getEventTime());
            assertThat(t.value().getReceivedAt())
                    .as("no wall clock")
                    .isEqualTo(t.value().getEventTime());
            assertThat(t.key()).isEqualTo(t.value().getCardToken());
            assertThat(tokenToPan).containsKey(t.key());
            assertThat(t.value().getCardBin()).isEqualTo(tokenToPan.get(t.key()).substring(0, 6));
        });
        Instant oldest = transactions.stream()
                .map(t -> t.value().getEventTime())
                .min(Instant::compareTo)
                .orElseThrow();
        Instant newest = transactions.stream()
                .map(t -> t.value().getEventTime())
                .max(Instant::compareTo)
                .orElseThrow();
        assertThat(Duration.between(oldest, newest)).isGreaterThan(Duration.ofDays(183));
        Map<String, Transaction> byId = transactions.stream()
                .map(Keyed::value)
                .collect(Collectors.toMap(t -> t.getTransactionId().toString(), Function.identity()));
        assertThat(byId.get(run + 3).getAmountMinor()).as("a card verification").isZero();
        assertThat(byId.get(run + 4).getAmountMinor())
                .as("a float artefact, rounded")
                .isEqualTo(8565);

        List<Keyed<TransactionLabel>> labels = decode(stack, Topics.TRANSACTION_LABELS, labelRecords).stream()
                .filter(l -> l.value().getTransactionId().startsWith(run))
                .toList();
        assertThat(labels)
                .extracting(l -> l.value().getTransactionId().toString())
                .containsExactlyInAnyOrderElementsOf(frauds);
        assertThat(labels).allSatisfy(l -> {
            Transaction labelled = byId.get(l.value().getTransactionId().toString());
            assertThat(l.value().getLabel()).isEqualTo(Label.FRAUD);
            assertThat(l.value().getSource()).isEqualTo(LabelSource.CHARGEBACK);
            assertThat(l.value().getLabelledAt())
                    .isEqualTo(labelled.getEventTime().plus(LABEL_DELAY));
            assertThat(l.timestamp())
                    .as("Kafka timestamp = label time")
                    .isEqualTo(l.value().getLabelledAt());
            assertThat(l.value().getTransactionTime()).isEqualTo(labelled.getEventTime());
            assertThat(l.key()).isEqualTo(labelled.getCardToken());
        });
    }

    /**
     * The retention check interval is a static broker setting (5 minutes by default) that the test
     * stack does not lower; but a broker runs its first check 30 s after it starts. So the test
     * restarts the broker and waits for that first check, proven to have run by a control topic
     * with one day of time-based retention losing the same six-month-old records.
     */
    @Test
    void sixMonthOldRecordsSurviveTheBrokersRetentionCheckOnTheCatalogueTopics() throws Exception {
        LocalStack stack = LocalStack.forTests();
        String run = "ret-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        Instant sixMonthsAgo = Instant.now().minus(Duration.ofDays(200)).truncatedTo(ChronoUnit.SECONDS);
        StringBuilder csv = new StringBuilder("id,timestamp,card,merchant,amount,fraud\n");
        for (int i = 0; i < 10; i++) {
            csv.append(run)
                    .append(i)
                    .append(',')
                    .append(sixMonthsAgo.plus(Duration.ofHours(i)))
                    .append(",c")
                    .append(i % 3)
                    .append(",m,5.00,")
                    .append(i % 2)
                    .append('\n');
        }
        Path file = Files.writeString(workDir.resolve("old.csv"), csv);
        String control = "retention-control-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = admin(stack)) {
            admin.createTopics(List.of(new NewTopic(control, 1, (short) 1).configs(Map.of("retention.ms", "86400000"))))
                    .all()
                    .get(30, TimeUnit.SECONDS);
            assertThatEveryCatalogueTopicHasItsSettings(admin);
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(
                                control,
                                0,
                                sixMonthsAgo.plus(Duration.ofHours(i)).toEpochMilli(),
                                null,
                                ("old " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                        .get(10, TimeUnit.SECONDS);
            }
        }
        Result result = runImport(stack, file, "--label-delay", "1d");
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).contains("imported: 10 transactions, 5 labels");

        stack.crashKafka();
        stack.restartKafka();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (logStart(stack, control) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(1_000);
        }

        assertThat(logStart(stack, control))
                .as("the retention check ran and deleted the control topic's old records")
                .isEqualTo(10);
        assertThat(idsOn(stack, Topics.TRANSACTIONS, run)).hasSize(10);
        assertThat(idsOn(stack, Topics.TRANSACTION_LABELS, run)).hasSize(5);
    }

    private void assertThatEveryCatalogueTopicHasItsSettings(Admin admin) throws Exception {
        Map<ConfigResource, Config> configs = admin.describeConfigs(Topics.ALL.stream()
                        .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic.name()))
                        .toList())
                .all()
                .get(30, TimeUnit.SECONDS);
        for (Topic<?, ?> topic : Topics.ALL) {
            Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()));
            topic.configs().forEach((name, value) -> assertThat(config.get(name).value())
                    .as(topic.name() + " " + name)
                    .isEqualTo(value));
        }
    }

    private static long logStart(LocalStack stack, String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            return consumer.beginningOffsets(List.of(partition), Duration.ofSeconds(10))
                    .get(partition);
        } catch (org.apache.kafka.common.KafkaException notYetBack) {
            return 0;
        }
    }

    private static <V> Set<String> idsOn(LocalStack stack, Topic<String, V> topic, String run) {
        List<ConsumerRecord<byte[], byte[]>> records =
                CommittedRecords.read(stack.kafkaBootstrapServers(), topic.name(), null);
        return decode(stack, topic, records).stream()
                .map(k -> idOf(k.value()))
                .filter(id -> id.startsWith(run))
                .collect(Collectors.toSet());
    }

    private static String idOf(Object value) {
        return value instanceof Transaction t
                ? t.getTransactionId().toString()
                : ((TransactionLabel) value).getTransactionId().toString();
    }

    private Result runImport(LocalStack stack, Path file, String... more) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = LoadGenerator.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        List<String> args = new ArrayList<>(List.of(
                "import",
                "--csv",
                file.toString(),
                "--bootstrap-servers",
                stack.kafkaBootstrapServers(),
                "--registry-url",
                stack.registryUrl(),
                "--pan-token-key",
                Base64.getEncoder().encodeToString(key),
                "--id-column",
                firstColumn(file),
                "--timestamp-column",
                column(file, 1),
                "--card-column",
                column(file, 2),
                "--merchant-column",
                column(file, 3),
                "--amount-column",
                column(file, 4),
                "--label-column",
                column(file, 5)));
        args.addAll(List.of(more));
        int exit = commandLine.execute(args.toArray(String[]::new));
        return new Result(exit, out.toString(), err.toString());
    }

    private static String firstColumn(Path file) {
        return column(file, 0);
    }

    private static String column(Path file, int index) {
        try (var lines = Files.lines(file)) {
            return lines.findFirst().orElseThrow().split(",")[index];
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Admin admin(LocalStack stack) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()));
    }

    private static byte[] randomKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private record Result(int exit, String out, String err) {}
}
