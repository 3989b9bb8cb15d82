package dev.vigil.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a dashboard needs to show something in every panel: transactions with frauds through
 * ingest, a rejected request, a record no one can read on the transactions topic, and the alerts
 * served.
 */
final class DashboardTraffic {

    private DashboardTraffic() {
    }

    static void drive(Pipeline pipeline) throws Exception {
        String bank = "bank-dashboards-" + UUID.randomUUID();
        CardStream cards = CardStream.of(bank, 10, 6);
        for (List<Map<String, Object>> batch : cards.batches(20)) {
            assertThat(Http.post(pipeline.ingestUrl() + "/api/v1/transactions/batch", Map.of("transactions", batch))
                    .statusCode()).isEqualTo(202);
        }
        // a rejection, counted by reason
        assertThat(Http.post(pipeline.ingestUrl() + "/api/v1/transactions", Http.transaction("tx-bad-" + UUID.randomUUID(),
                bank, "4000000000000001", "1.00", "m-1", "5411", "DE", "CARD_PRESENT", Instant.now())).statusCode())
                .isEqualTo(400);
        // a poison record, dead-lettered by the scorer
        TopicWriter.sendRaw(pipeline.stack(), Topics.TRANSACTIONS.name(), "poison".getBytes(StandardCharsets.UTF_8),
                "not avro".getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> Http.alertsOf(pipeline.alertsUrl(), bank).size() >= cards.frauds().size());
    }
}
