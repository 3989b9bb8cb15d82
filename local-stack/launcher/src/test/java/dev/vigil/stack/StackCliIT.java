package dev.vigil.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.Transaction;
import dev.vigil.schemas.TopicSerdes;
import dev.vigil.schemas.Topics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** {@code ./vigil stack} as users run it: {@code up} in a JVM of its own, which exits and leaves the stack running. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StackCliIT {

    private static final List<String> COMPONENTS =
            List.of("kafka", "registry", "postgres", "postgres-exporter", "prometheus");
    private static Path repository;
    private static Map<String, String> env;

    @BeforeAll
    static void upInAJvmThatExits() throws Exception {
        // a checkout lives in a directory others may enter; PostgreSQL's OS user has to reach its data in it
        repository = Files.createTempDirectory(
                "vigil-cli-it-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        StackPorts ports = StackPorts.free();
        env = new HashMap<>(ports.asEnvironment());
        env.put(StackCli.STACK_DIR, repository.resolve(".vigil").toString());

        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp",
                System.getProperty("java.class.path"),
                StackCli.class.getName(),
                "up"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(repository.toFile())
                .redirectErrorStream(true)
                .redirectOutput(repository.resolve("up.out").toFile());
        builder.environment().putAll(env);
        Process up = builder.start();
        assertThat(up.waitFor(120, TimeUnit.SECONDS)).as("up finished").isTrue();
        assertThat(up.exitValue())
                .as(Files.readString(repository.resolve("up.out")))
                .isZero();
    }

    @AfterAll
    static void cleanUp() {
        // in case a test failed before down: leave no daemons behind
        new Stack(new StackLayout(repository.resolve(".vigil")), StackPorts.from(env), Lifetime.DAEMON).down();
        Directories.deleteRecursively(repository);
    }

    @Test
    @Order(1)
    void statusReportsEveryComponentRunningAndHealthyAfterUpExited() {
        Result status = cli("status");

        assertThat(status.exitCode()).as(status.output()).isZero();
        for (String component : COMPONENTS) {
            assertThat(status.line(component)).matches(component + "\\s+running\\s+\\d+\\s+\\d+\\s+yes");
            assertThat(ProcessHandle.of(status.pid(component))).get().matches(ProcessHandle::isAlive);
        }
        assertThat(repository.resolve(".vigil/stack.env"))
                .content()
                .contains("export KAFKA_BOOTSTRAP_SERVERS='127.0.0.1:" + env.get(StackPorts.KAFKA_PORT) + "'");
    }

    @Test
    @Order(2)
    void logsShowsAComponentsLog() {
        assertThat(cli("logs", "registry").output())
                .contains("apicurio-registry-app")
                .contains("Listening on: http://127.0.0.1:" + env.get(StackPorts.REGISTRY_PORT))
                .contains("Management interface listening on http://127.0.0.1:"
                        + env.get(StackPorts.REGISTRY_MANAGEMENT_PORT));
    }

    @Test
    @Order(3)
    void upAgainKeepsTheRunningProcesses() {
        long kafka = cli("status").pid("kafka");

        assertThat(cli("up").exitCode()).isZero();

        assertThat(cli("status").pid("kafka")).isEqualTo(kafka);
    }

    @Test
    @Order(4)
    void aRecordWrittenBeforeDownAndUpStillDeserializesAfterIt() throws Exception {
        Transaction written = SampleTransactions.transaction("tx-before-restart-" + UUID.randomUUID(), 4321);
        RecordMetadata sent;
        try (KafkaProducer<String, Transaction> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()),
                serdes().keySerde(Topics.TRANSACTIONS).serializer(),
                serdes().valueSerde(Topics.TRANSACTIONS).serializer())) {
            sent = producer.send(
                            new ProducerRecord<>(Topics.TRANSACTIONS.name(), SampleTransactions.CARD_TOKEN, written))
                    .get(30, TimeUnit.SECONDS);
        }

        assertThat(cli("down").exitCode()).isZero();
        assertThat(cli("up").exitCode()).isZero();

        // a new consumer has no schema cached: it asks the restarted registry for the id the record carries
        try (KafkaConsumer<String, Transaction> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()),
                serdes().keySerde(Topics.TRANSACTIONS).deserializer(),
                serdes().valueSerde(Topics.TRANSACTIONS).deserializer())) {
            TopicPartition partition = new TopicPartition(sent.topic(), sent.partition());
            consumer.assign(List.of(partition));
            consumer.seek(partition, sent.offset());
            List<Transaction> read = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (read.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> read.add(record.value()));
            }
            assertThat(read).first().isEqualTo(written);
        }
    }

    @Test
    @Order(5)
    void downStopsEveryProcessAndStatusThenReportsThemStopped() {
        Result before = cli("status");
        List<Long> pids = COMPONENTS.stream().map(before::pid).toList();

        assertThat(cli("down").exitCode()).isZero();

        assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive))
                .isEmpty());
        Result after = cli("status");
        assertThat(after.exitCode()).isEqualTo(3);
        for (String component : COMPONENTS) {
            assertThat(after.line(component)).matches(component + "\\s+stopped\\s+-\\s+\\d+\\s+no");
        }
        assertThat(repository.resolve(".vigil/data/postgres/pgdata")).isDirectory();
    }

    private static String bootstrapServers() {
        return "127.0.0.1:" + env.get(StackPorts.KAFKA_PORT);
    }

    private static TopicSerdes serdes() {
        return new TopicSerdes("http://127.0.0.1:" + env.get(StackPorts.REGISTRY_PORT) + "/apis/registry/v3", true);
    }

    private static Result cli(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exitCode =
                new StackCli(repository, env, new PrintStream(bytes, true, StandardCharsets.UTF_8)).run(List.of(args));
        return new Result(exitCode, bytes.toString(StandardCharsets.UTF_8));
    }

    private record Result(int exitCode, String output) {

        String line(String component) {
            Optional<String> line =
                    output.lines().filter(l -> l.startsWith(component + " ")).findFirst();
            assertThat(line).as("a line for %s in:%n%s", component, output).isPresent();
            return line.get().trim();
        }

        long pid(String component) {
            return Long.parseLong(line(component).split("\\s+")[2]);
        }
    }
}
