package dev.vigil.loadgen;

import static dev.vigil.loadgen.RecordChecks.decode;
import static dev.vigil.loadgen.RecordChecks.hmacSha256Base64Url;
import static dev.vigil.loadgen.RecordChecks.readWithoutCardNumbers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.events.Label;
import dev.vigil.events.LabelSource;
import dev.vigil.events.Transaction;
import dev.vigil.events.TransactionLabel;
import dev.vigil.loadgen.RecordChecks.Keyed;
import dev.vigil.loadgen.population.Cardholder;
import dev.vigil.loadgen.population.Population;
import dev.vigil.loadgen.report.SentTransaction;
import dev.vigil.schemas.Topics;
import dev.vigil.stack.LocalStack;
import dev.vigil.stack.Ports;
import dev.vigil.stack.testing.TopicProbe;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A short {@code run --target kafka} against the real broker and registry, no ingest-service:
 * every transaction is on the transactions topic and every fraud's chargeback on the labels
 * topic, keyed by the token ingest would have made of the card with the same key, and no byte of
 * any record's key, value or headers holds a card number of the simulated population. The same
 * from the packaged jar; and a broker that does not answer stops the run at once.
 */
class KafkaRunIT {

    static final int CARDS = 40;
    static final int BANKS = 2;
    static final long SEED = 7;

    @TempDir
    Path workDir;

    @Test
    void transactionsAndChargebacksGoStraightToKafkaKeyedByCardTokenWithoutCardNumbers() throws Exception {
        LocalStack stack = LocalStack.forTests();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        TopicProbe probe = new TopicProbe(stack);
        Map<TopicPartition, Long> transactionsBefore = probe.endOffsets(Topics.TRANSACTIONS.name());
        Map<TopicPartition, Long> labelsBefore = probe.endOffsets(Topics.TRANSACTION_LABELS.name());
        String runId = "kafka-it-" + UUID.randomUUID().toString().substring(0, 8);
        Path report = workDir.resolve("report.json");
        CommandLine commandLine = LoadGenerator.commandLine();

        int exit = commandLine.execute(
                "run",
                "--target",
                "kafka",
                "--bootstrap-servers",
                stack.kafkaBootstrapServers(),
                "--registry-url",
                stack.registryUrl(),
                "--pan-token-key",
                Base64.getEncoder().encodeToString(key),
                "--count",
                "200",
                "--rate",
                "200",
                "--cards",
                String.valueOf(CARDS),
                "--banks",
                String.valueOf(BANKS),
                "--history",
                "2",
                "--seed",
                String.valueOf(SEED),
                "--run-id",
                runId,
                "--label-delay",
                "1s",
                "--card-testing-rate",
                "0.03",
                "--high-amount-rate",
                "0.03",
                "--report-json",
                report.toString());

        assertThat(exit).isZero();
        List<SentTransaction> sent =
                ((RunCommand) commandLine.getSubcommands().get("run").getCommand()).sent();
        assertThat(sent).hasSize(200 + 2 * CARDS);
        Set<String> frauds = sent.stream()
                .filter(t -> t.scenario() != null)
                .map(SentTransaction::transactionId)
                .collect(Collectors.toSet());
        assertThat(frauds).isNotEmpty();
        // the run's population again (same seed, same cards), each card by the token ingest would make of it
        List<String> pans = Population.generate(new SplittableRandom(SEED), CARDS, BANKS).cardholders().stream()
                .map(Cardholder::pan)
                .toList();
        Map<String, String> panByToken =
                pans.stream().collect(Collectors.toMap(pan -> hmacSha256Base64Url(key, pan), Function.identity()));

        List<ConsumerRecord<byte[], byte[]>> transactionRecords =
                readWithoutCardNumbers(stack, Topics.TRANSACTIONS, transactionsBefore, pans);
        List<ConsumerRecord<byte[], byte[]>> labelRecords =
                readWithoutCardNumbers(stack, Topics.TRANSACTION_LABELS, labelsBefore, pans);

        Map<String, Keyed<Transaction>> transactions = decode(stack, Topics.TRANSACTIONS, transactionRecords).stream()
                .filter(t -> t.value().getTransactionId().startsWith("tx-" + runId + "-"))
                .collect(Collectors.toMap(t -> t.value().getTransactionId(), Function.identity()));
        assertThat(transactions.keySet())
                .containsExactlyInAnyOrderElementsOf(
                        sent.stream().map(SentTransaction::transactionId).toList());
        assertThat(transactions.values()).allSatisfy(t -> {
            assertThat(panByToken).containsKey(t.key());
            String pan = panByToken.get(t.key());
            assertThat(t.value().getCardToken()).isEqualTo(t.key());
            assertThat(t.value().getCardBin()).isEqualTo(pan.substring(0, 6));
            assertThat(t.value().getCardLast4()).isEqualTo(pan.substring(pan.length() - 4));
        });

        Map<String, Keyed<TransactionLabel>> labels = decode(stack, Topics.TRANSACTION_LABELS, labelRecords).stream()
                .filter(l -> l.value().getTransactionId().startsWith("tx-" + runId + "-"))
                .collect(Collectors.toMap(l -> l.value().getTransactionId(), Function.identity()));
        assertThat(labels.keySet()).containsExactlyInAnyOrderElementsOf(frauds);
        assertThat(labels.values()).allSatisfy(l -> {
            assertThat(l.value().getLabel()).isEqualTo(Label.FRAUD);
            assertThat(l.value().getSource()).isEqualTo(LabelSource.CHARGEBACK);
            assertThat(l.key())
                    .isEqualTo(l.value().getCardToken())
                    .isEqualTo(transactions.get(l.value().getTransactionId()).key());
        });

        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertThat(json.get("accepted").asLong()).isEqualTo(200);
        assertThat(json.get("labelsSent").asLong()).isEqualTo(frauds.size());
    }

    @Test
    void thePackagedJarSendsToKafkaWithItsSettingsFromTheEnvironmentAndPrintsNeitherKeyNorCardNumber()
            throws Exception {
        // failsafe sets the repository root, and runs after the jar is packaged; a unit-test run (-Dtest=...) does
        // neither
        assumeTrue(
                System.getProperty("vigil.repo.root") != null, "the packaged jar is tested by failsafe, after package");
        LocalStack stack = LocalStack.forTests();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String base64Key = Base64.getEncoder().encodeToString(key);
        Map<TopicPartition, Long> before = new TopicProbe(stack).endOffsets(Topics.TRANSACTIONS.name());
        String runId = "kafka-jar-" + UUID.randomUUID().toString().substring(0, 8);
        Path root =
                Path.of(System.getProperty("vigil.repo.root")).toAbsolutePath().normalize();
        Path out = workDir.resolve("out.txt");
        Path err = workDir.resolve("err.txt");
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        root.resolve("load-generator/target/vigil-load-generator.jar")
                                .toString(),
                        "run",
                        "--target",
                        "kafka",
                        "--count",
                        "30",
                        "--rate",
                        "100",
                        "--cards",
                        "10",
                        "--banks",
                        "1",
                        "--history",
                        "0",
                        "--seed",
                        String.valueOf(SEED),
                        "--run-id",
                        runId,
                        "--label-delay",
                        "0s")
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", stack.kafkaBootstrapServers());
        builder.environment().put("APICURIO_REGISTRY_URL", stack.registryUrl());
        builder.environment().put("VIGIL_PAN_TOKEN_KEY", base64Key);
        Process process = builder.start();

        boolean ended = process.waitFor(2, TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly();
        }

        String output = Files.readString(out) + Files.readString(err);
        assertThat(ended).as(output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("accepted 30, errors 0").doesNotContain(base64Key);
        List<String> pans = Population.generate(new SplittableRandom(SEED), 10, 1).cardholders().stream()
                .map(Cardholder::pan)
                .toList();
        assertThat(pans).noneMatch(output::contains);
        Set<String> tokens =
                pans.stream().map(pan -> hmacSha256Base64Url(key, pan)).collect(Collectors.toSet());
        List<ConsumerRecord<byte[], byte[]>> records =
                CommittedRecords.read(stack.kafkaBootstrapServers(), Topics.TRANSACTIONS.name(), before);
        assertThat(decode(stack, Topics.TRANSACTIONS, records))
                .filteredOn(t -> t.value().getTransactionId().startsWith("tx-" + runId + "-"))
                .hasSize(30)
                .allSatisfy(t -> assertThat(tokens).contains(t.key()));
    }

    @Test
    void aBrokerThatDoesNotAnswerIsOneLineOfExplanationAndExitStatus2() throws Exception {
        int closedPort = Ports.free();
        StringWriter err = new StringWriter();
        CommandLine commandLine = LoadGenerator.commandLine();
        commandLine.setErr(new PrintWriter(err));
        String key = Base64.getEncoder().encodeToString(new byte[32]);

        int exit = commandLine.execute(
                "run",
                "--target",
                "kafka",
                "--bootstrap-servers",
                "127.0.0.1:" + closedPort,
                "--pan-token-key",
                key,
                "--count",
                "10",
                "--history",
                "0");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString())
                .contains("Kafka at 127.0.0.1:" + closedPort + " did not tell where the transactions topic is")
                .doesNotContain(key);
    }
}
