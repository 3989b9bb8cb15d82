package dev.vigil.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a {@code kill -9} of alerts-api and a restart by its supervisor, the alert sink stores
 * alerts again within 15 s of the kill: the crashed member's session (10 s) ends, its partitions
 * move to the restarted instance, and the frauds scored meanwhile are stored.
 */
class AlertSinkRestartIT {

    static final String ALERTS_API = "alerts-api";
    static final Duration BOUND = Duration.ofSeconds(15);
    static final int HISTORY = 6;

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
    void afterAKillTheSinkStoresAlertsAgainWithinFifteenSeconds() throws Exception {
        String bank = "bank-sink-restart-" + UUID.randomUUID();
        CardStream stream = CardStream.of(bank, 3_000, 8, HISTORY);
        StreamSender.sendAll(pipeline, stream.history(), Duration.ofMinutes(2));
        await().atMost(Duration.ofMinutes(1))
                .until(() ->
                        Http.get(pipeline.url(ALERTS_API) + "/q/health/ready").statusCode() == 200);

        pipeline.crash(ALERTS_API);
        Instant killed = Instant.now();
        // scored while alerts-api is down; the restart returns once it is ready
        StreamSender.sendAll(pipeline, stream.fraudulent(), Duration.ofSeconds(10));
        pipeline.restart(ALERTS_API);

        Set<String> frauds = stream.frauds();
        await().atMost(BOUND.minus(Duration.between(killed, Instant.now())))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> Set.copyOf(Database.alertedTransactions(pipeline.stack(), bank))
                        .containsAll(frauds));
        Duration storedAfter = Duration.between(killed, Instant.now());
        System.out.printf(
                "alerts-api killed: the restarted sink stored every fraud %d ms after the kill%n",
                storedAfter.toMillis());
        assertThat(storedAfter).isLessThan(BOUND);
        assertThat(Http.get(pipeline.url(ALERTS_API) + "/q/health/ready").statusCode())
                .as("ready again")
                .isEqualTo(200);
    }
}
