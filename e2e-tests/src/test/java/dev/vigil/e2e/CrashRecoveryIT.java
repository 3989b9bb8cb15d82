package dev.vigil.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.events.Alert;
import dev.vigil.events.Transaction;
import dev.vigil.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once effect across crashes: while a stream of transactions flows, each service in turn is
 * killed with SIGKILL and restarted. Every transaction still reaches Kafka, every fraud is alerted
 * exactly once on {@code fraud-alerts} and in the API, and nothing else is alerted.
 *
 * <p>Killing ingest-service mid-request makes the sender retry batches that were partly produced,
 * so some transactions reach the topic twice: the scorer's dedup store must absorb them.
 */
class CrashRecoveryIT {

    static final int CARDS = 40;
    static final int HISTORY = 6;
    static final int BATCH = 4;
    static final Duration PACE = Duration.ofMillis(300);
    /** The services killed, in this order, each after a share of the batches was accepted. */
    static final List<String> VICTIMS = List.of("realtime-scorer", "alerts-api", "ingest-service");
    /** How many batches the sender may run ahead of a crash that is due: some are in flight when it happens. */
    static final int AHEAD = 3;

    @TempDir
    static Path workDir;

    static Pipeline pipeline;

    @BeforeAll
    static void startServices() {
        pipeline = Pipeline.start(workDir);
    }

    @AfterAll
    static void stopServices() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void killingEachServiceMidStreamLosesNoTransactionAndDuplicatesNoAlert() throws Exception {
        String bank = "bank-crash-" + UUID.randomUUID();
        CardStream cards = CardStream.of(bank, CARDS, HISTORY);
        List<Map<String, Object>> stream = cards.transactions();
        Set<String> frauds = cards.frauds();
        List<List<Map<String, Object>>> batches = cards.batches(BATCH);

        List<Integer> crashPoints = List.of(batches.size() / 5, batches.size() / 2, batches.size() * 3 / 4);
        int retries;
        try (StreamSender sender = StreamSender.start(pipeline, batches, crashPoints, AHEAD, PACE)) {
            for (int i = 0; i < VICTIMS.size(); i++) {
                sender.awaitSent(crashPoints.get(i), Duration.ofMinutes(2));
                pipeline.crash(VICTIMS.get(i));
                sender.eventDone();
                pipeline.restart(VICTIMS.get(i));
            }
            retries = sender.finish(Duration.ofMinutes(3));
        }
        System.out.printf(
                "sent %d transactions in %d batches; %d batch sends were retried%n",
                stream.size(), batches.size(), retries);

        List<JsonNode> served = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> Http.alertsOf(pipeline.alertsUrl(), bank, pipeline.alertsToken(bank)),
                        alerts -> alerts.size() >= frauds.size());
        assertThat(served)
                .extracting(alert -> alert.get("transactionId").asText())
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(frauds);

        List<Alert> produced = TopicContents.committedValues(pipeline.stack(), Topics.FRAUD_ALERTS).stream()
                .filter(alert -> alert.getBankId().equals(bank))
                .toList();
        assertThat(produced)
                .extracting(Alert::getAlertId)
                .doesNotHaveDuplicates()
                .hasSize(frauds.size());

        Set<String> onTheTopic = TopicContents.committedValues(pipeline.stack(), Topics.TRANSACTIONS).stream()
                .filter(transaction -> transaction.getBankId().equals(bank))
                .map(Transaction::getTransactionId)
                .collect(Collectors.toSet());
        assertThat(onTheTopic).hasSize(stream.size());
    }
}
