package dev.vigil.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main path, as a bank's system sees it: JSON over HTTP into ingest-service, the alert out of
 * alerts-api, through the real broker, registry and database, with the packaged services running
 * as their own processes.
 */
class TransactionToAlertIT {

    /** A Luhn-valid test card; it must never appear past the ingest endpoint. */
    static final String PAN = "4556737586899855";

    static final String MASKED = "455673******9855";
    /** Another card, so this class's tests do not add to each other's card history. */
    static final String OTHER_PAN = "4000056655665556";

    static final Duration WITHIN_SECONDS = Duration.ofSeconds(20);

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
    void anObviousFraudAfterANormalHistoryIsServedAsAnAlertWithinSeconds() throws Exception {
        String bank = "bank-" + UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<String> history = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String id = "tx-normal-" + i + "-" + UUID.randomUUID();
            history.add(id);
            Instant at = now.minus(Duration.ofHours(9)).plus(Duration.ofHours(1).multipliedBy(i));
            assertThat(post(
                                    "/api/v1/transactions",
                                    Http.transaction(
                                            id,
                                            bank,
                                            PAN,
                                            (20 + 3 * i) + ".50",
                                            "m-grocer-" + (i % 3),
                                            "5411",
                                            "DE",
                                            "CARD_PRESENT",
                                            at))
                            .statusCode())
                    .isEqualTo(202);
        }
        String fraud = "tx-fraud-" + UUID.randomUUID();
        Instant sent = Instant.now();
        assertThat(post(
                                "/api/v1/transactions",
                                Http.transaction(
                                        fraud,
                                        bank,
                                        PAN,
                                        "2450.00",
                                        "m-electronics-77",
                                        "5732",
                                        "BR",
                                        "CARD_NOT_PRESENT",
                                        now.minus(Duration.ofMinutes(5))))
                        .statusCode())
                .isEqualTo(202);

        JsonNode alert = await().atMost(WITHIN_SECONDS)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> alertsOf(bank), items -> items.size() > 0)
                .get(0);
        Duration latency = Duration.between(sent, Instant.now());

        assertThat(alert.get("transactionId").asText()).isEqualTo(fraud);
        assertThat(alert.get("cardMasked").asText()).isEqualTo(MASKED);
        assertThat(alert.get("amountMinor").asLong()).isEqualTo(245_000L);
        assertThat(alert.get("currency").asText()).isEqualTo("EUR");
        assertThat(alert.get("decision").asText()).isIn("REVIEW", "DECLINE");
        assertThat(alert.get("reasons").findValuesAsText("code")).contains("AMOUNT_FAR_ABOVE_USUAL");
        assertThat(alert.toString()).doesNotContain(PAN);
        JsonNode byId = Http.json(get("/api/v1/alerts/" + alert.get("alertId").asText(), bank));
        assertThat(byId.get("transactionId").asText()).isEqualTo(fraud);
        // alerts-api answers only with a bank's token, and only about that bank
        assertThat(Http.get(pipeline.alertsUrl() + "/api/v1/alerts?limit=1").statusCode())
                .isEqualTo(401);
        assertThat(Http.alertsOf(pipeline.alertsUrl(), "bank-other", pipeline.alertsToken("bank-other")))
                .noneSatisfy(other -> assertThat(other.get("bankId").asText()).isEqualTo(bank));
        System.out.printf("alert served %d ms after the fraudulent transaction was accepted%n", latency.toMillis());

        // The normal history raised nothing, and nothing on any topic or in any log shows the card number.
        assertThat(alertsOf(bank)).hasSize(1);
        assertThat(TopicContents.everyRecord(pipeline.stack().kafkaBootstrapServers()))
                .anySatisfy(record -> assertThat(record).contains(fraud))
                .noneSatisfy(record -> assertThat(record).contains(PAN));
        assertThat(pipeline.logs()).noneSatisfy(log -> assertThat(log).contains(PAN));
    }

    @Test
    void aBadCardNumberIsRefusedWith400NamingTheFieldAndNothingReachesKafka() throws Exception {
        String id = "tx-bad-pan-" + UUID.randomUUID();
        String badPan = "4556737586899856"; // the test card with its last digit changed: fails Luhn
        HttpResponse<String> response = post(
                "/api/v1/transactions",
                Http.transaction(
                        id,
                        "bank-a",
                        badPan,
                        "10.00",
                        "m-1",
                        "5411",
                        "DE",
                        "CARD_PRESENT",
                        Instant.now().minusSeconds(60)));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = Http.json(response);
        assertThat(problem.get("errors").findValuesAsText("field")).containsExactly("pan");
        assertThat(response.body()).doesNotContain(badPan);

        // A valid transaction sent after it does arrive, so the topic was readable when we looked.
        String marker = "tx-after-bad-" + UUID.randomUUID();
        assertThat(post(
                                "/api/v1/transactions",
                                Http.transaction(
                                        marker,
                                        "bank-a",
                                        OTHER_PAN,
                                        "10.00",
                                        "m-1",
                                        "5411",
                                        "DE",
                                        "CARD_PRESENT",
                                        Instant.now().minusSeconds(30)))
                        .statusCode())
                .isEqualTo(202);
        List<String> records = TopicContents.everyRecord(pipeline.stack().kafkaBootstrapServers());
        assertThat(records).anySatisfy(record -> assertThat(record).contains(marker));
        assertThat(records).noneSatisfy(record -> assertThat(record).contains(id));
        assertThat(records).noneSatisfy(record -> assertThat(record).contains(badPan));
    }

    private static List<JsonNode> alertsOf(String bank) throws IOException, InterruptedException {
        return Http.alertsOf(pipeline.alertsUrl(), bank, pipeline.alertsToken(bank));
    }

    /** A post by the sending system of the body's bank. */
    private static HttpResponse<String> post(String path, Map<String, Object> body)
            throws IOException, InterruptedException {
        return Http.post(pipeline.ingestUrl() + path, body, pipeline.senderToken((String) body.get("bankId")));
    }

    private static HttpResponse<String> get(String path, String bank) throws IOException, InterruptedException {
        return Http.get(pipeline.alertsUrl() + path, pipeline.alertsToken(bank));
    }
}
