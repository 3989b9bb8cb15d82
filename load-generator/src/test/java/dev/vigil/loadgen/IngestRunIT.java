package dev.vigil.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.events.Label;
import dev.vigil.events.Transaction;
import dev.vigil.events.TransactionLabel;
import dev.vigil.loadgen.report.SentTransaction;
import dev.vigil.schemas.Topic;
import dev.vigil.schemas.TopicSerdes;
import dev.vigil.schemas.Topics;
import dev.vigil.stack.DemoTokens;
import dev.vigil.stack.LocalStack;
import dev.vigil.stack.Ports;
import dev.vigil.stack.ServiceProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A short {@code run} against the real broker and registry and the packaged ingest-service: every
 * transaction ingest accepted is on the transactions topic, and every fraud's chargeback on the
 * labels topic. No alerts-api here (it is tested with the whole pipeline in e2e-tests).
 */
class IngestRunIT {

    @TempDir
    static Path workDir;

    static LocalStack stack;
    static ServiceProcess ingest;
    static DemoTokens tokens;

    @BeforeAll
    static void startIngest() throws IOException {
        stack = LocalStack.forTests();
        Map<String, String> env = new HashMap<>(stack.serviceEnvironment());
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        env.put("VIGIL_PAN_TOKEN_KEY", Base64.getEncoder().encodeToString(key));
        tokens = DemoTokens.in(workDir.resolve("jwt"));
        env.put("VIGIL_INGEST_JWT_PUBLIC_KEY", tokens.publicKeyFile().toString());
        Path root = Path.of(System.getProperty("vigil.repo.root", ".."))
                .toAbsolutePath()
                .normalize();
        ingest = ServiceProcess.start(
                "ingest-service",
                root.resolve("ingest-service/target/quarkus-app/quarkus-run.jar"),
                Ports.free(),
                env,
                workDir.resolve("ingest-service.log"));
    }

    @AfterAll
    static void stopIngest() {
        if (ingest != null) {
            ingest.stop();
        }
    }

    @Test
    void everyAcceptedTransactionAndEveryFraudsChargebackReachTheirTopics() throws Exception {
        String runId = "it" + UUID.randomUUID().toString().substring(0, 8);
        Path report = workDir.resolve("report.json");
        CommandLine commandLine = LoadGenerator.commandLine();

        int exit = commandLine.execute(
                "run",
                "--ingest-url",
                ingest.baseUrl(),
                "--ingest-token",
                senderToken("bank-a"),
                "--ingest-token",
                senderToken("bank-b"),
                "--count",
                "200",
                "--rate",
                "100",
                "--cards",
                "40",
                "--history",
                "2",
                "--seed",
                "7",
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
        assertThat(sent).hasSize(200 + 80);
        Set<String> frauds = sent.stream()
                .filter(t -> t.scenario() != null)
                .map(SentTransaction::transactionId)
                .collect(Collectors.toSet());
        assertThat(frauds).isNotEmpty();

        List<Transaction> transactions = values(Topics.TRANSACTIONS).stream()
                .filter(t -> t.getTransactionId().startsWith("tx-" + runId + "-"))
                .toList();
        assertThat(transactions)
                .extracting(Transaction::getTransactionId)
                .containsExactlyInAnyOrderElementsOf(
                        sent.stream().map(SentTransaction::transactionId).toList());
        List<TransactionLabel> labels = values(Topics.TRANSACTION_LABELS).stream()
                .filter(l -> l.getTransactionId().startsWith("tx-" + runId + "-"))
                .toList();
        assertThat(labels).extracting(TransactionLabel::getTransactionId).containsExactlyInAnyOrderElementsOf(frauds);
        assertThat(labels).allSatisfy(l -> assertThat(l.getLabel()).isEqualTo(Label.FRAUD));

        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertThat(json.get("accepted").asLong()).isEqualTo(200);
        assertThat(json.get("labelsSent").asLong()).isEqualTo(frauds.size());
        assertThat(json.get("detectionSkipped").asText()).isEqualTo("no --alerts-url given");
    }

    @Test
    void aReplayOfTheSampleFileSendsEveryRowAndTheLabelledFraudsChargebacks() throws Exception {
        Path csv = Path.of(
                IngestRunIT.class.getResource("/sample-transactions.csv").toURI());
        String prefix = "replay-it-" + UUID.randomUUID().toString().substring(0, 8) + "-";

        int exit = LoadGenerator.commandLine()
                .execute(
                        "replay",
                        "--csv",
                        csv.toString(),
                        "--ingest-url",
                        ingest.baseUrl(),
                        "--ingest-token",
                        senderToken("bank-replay"),
                        "--id-column",
                        "tx_id",
                        "--timestamp-column",
                        "event_time",
                        "--card-column",
                        "customer",
                        "--merchant-column",
                        "terminal",
                        "--label-column",
                        "is_fraud",
                        "--id-prefix",
                        prefix,
                        "--label-delay",
                        "1s");

        assertThat(exit).isZero();
        assertThat(values(Topics.TRANSACTIONS).stream()
                        .filter(t -> t.getTransactionId().startsWith(prefix)))
                .hasSize(40);
        assertThat(values(Topics.TRANSACTION_LABELS).stream()
                        .filter(l -> l.getTransactionId().startsWith(prefix)))
                .extracting(TransactionLabel::getTransactionId)
                .containsExactlyInAnyOrder(prefix + "h0011", prefix + "h0023", prefix + "h0024", prefix + "h0037");
    }

    private static String senderToken(String bank) {
        return tokens.mint("sender@" + bank, bank, DemoTokens.SENDER, Duration.ofMinutes(10));
    }

    /** The committed values of a topic, from its beginning to its current end. */
    private static <V> List<V> values(Topic<?, V> topic) {
        try (Serde<V> serde = new TopicSerdes(stack.registryUrl(), false).valueSerde(topic)) {
            return CommittedRecords.read(stack.kafkaBootstrapServers(), topic.name(), null).stream()
                    .map(record -> serde.deserializer().deserialize(topic.name(), record.headers(), record.value()))
                    .toList();
        }
    }
}
