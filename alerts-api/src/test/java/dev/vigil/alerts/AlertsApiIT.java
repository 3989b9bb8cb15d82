package dev.vigil.alerts;

import static dev.vigil.alerts.AlertFixtures.NINE_FIFTEEN;
import static dev.vigil.alerts.AlertFixtures.alert;
import static dev.vigil.alerts.AlertFixtures.newBank;
import static dev.vigil.alerts.AlertTopic.WITHIN_SECONDS;
import static dev.vigil.alerts.Tokens.asApp;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import dev.vigil.events.Alert;
import dev.vigil.schemas.DeadLetterHeaders;
import dev.vigil.schemas.Topics;
import dev.vigil.stack.testing.JwtKeysResource;
import dev.vigil.stack.testing.LocalStackResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The application against the local stack: alerts produced to {@code fraud-alerts} by a
 * transactional producer, stored by the sink in PostgreSQL, served over REST.
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
@WithTestResource(JwtKeysResource.class)
class AlertsApiIT {

    final AlertTopic topic = new AlertTopic();

    @Test
    void anAlertOnTheTopicIsServedOverRestWithOnlyTheMaskedCard() {
        String bank = newBank();
        Alert alert = alert(bank, "tx-fraud", NINE_FIFTEEN, 0.91);

        topic.produce(alert);

        JsonPath page = awaitAlerts(bank, 1);
        String item = "items[0].";
        assertThat(page.getString(item + "alertId")).isEqualTo(alert.getAlertId());
        assertThat(page.getString(item + "transactionId")).isEqualTo("tx-fraud");
        assertThat(page.getString(item + "cardToken")).isEqualTo(alert.getCardToken());
        assertThat(page.getString(item + "cardMasked")).isEqualTo("411111******1111");
        assertThat(page.getString(item + "amount")).isEqualTo("2450.00");
        assertThat(page.getLong(item + "amountMinor")).isEqualTo(245_000L);
        assertThat(page.getString(item + "currency")).isEqualTo("EUR");
        assertThat(page.getString(item + "channel")).isEqualTo("CARD_NOT_PRESENT");
        assertThat(page.getString(item + "eventTime")).isEqualTo("2026-11-22T09:15:30Z");
        assertThat(page.getDouble(item + "score")).isEqualTo(0.91);
        assertThat(page.getString(item + "decision")).isEqualTo("DECLINE");
        assertThat(page.getString(item + "reasons[0].code")).isEqualTo("AMOUNT_FAR_ABOVE_USUAL");
        assertThat(page.getDouble(item + "reasons[0].contribution")).isEqualTo(0.75);
        assertThat(page.getString(item + "status")).isEqualTo("OPEN");
        assertThat(page.getString(item + "scoredAt")).isEqualTo("2026-11-22T09:15:30.040Z");
        assertThat(page.getString(item + "createdAt")).isNotBlank();
        assertThat(page.getString("nextCursor")).isNull();

        asApp(bank)
                .get("/api/v1/alerts/{id}", alert.getAlertId())
                .then()
                .statusCode(200)
                .body("transactionId", equalTo("tx-fraud"))
                .body("cardMasked", equalTo("411111******1111"));
    }

    @Test
    void theSameAlertDeliveredTwiceIsStoredOnce() {
        String bank = newBank();
        Alert alert = alert(bank, "tx-twice", NINE_FIFTEEN, 0.8);
        Alert marker = alert(bank, "tx-after", NINE_FIFTEEN.plusSeconds(60), 0.8);

        topic.produce(alert);
        topic.produce(alert);
        topic.produce(marker);

        JsonPath page = awaitAlerts(bank, 2);
        assertThat(page.getList("items.transactionId", String.class)).containsExactly("tx-after", "tx-twice");
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("vigil_alerts_redelivered_total");
        java.util.regex.Matcher timed = java.util.regex.Pattern.compile(
                        "(?m)^vigil_alerts_latency_seconds_count(?:\\{[^}]*})? ([0-9.E]+)$")
                .matcher(metrics);
        assertThat(timed.find()).as("alert latency is exported").isTrue();
        assertThat(Double.parseDouble(timed.group(1)))
                .as("stored alerts timed from their score")
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void aPoisonRecordGoesToDeadLettersAndTheNextAlertIsStillStored() {
        String bank = newBank();
        Alert next = alert(bank, "tx-next", NINE_FIFTEEN, 0.7);
        byte[] poison = ("not avro " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        Map<TopicPartition, Long> deadFrom = topic.endOffsets(Topics.DEAD_LETTERS.name());

        // same key, so the same partition: the good alert comes after the poison
        topic.produce(List.of(
                AlertTopic.record(next.getCardToken(), poison),
                AlertTopic.record(next.getCardToken(), topic.avro(next))));

        ConsumerRecord<byte[], byte[]> dead = topic.awaitRecord(deadFrom, next.getCardToken());
        assertThat(dead.value()).isEqualTo(poison);
        assertThat(header(dead, DeadLetterHeaders.FAILED_BY)).isEqualTo("vigil-alerts-api");
        assertThat(header(dead, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topics.FRAUD_ALERTS.name());
        assertThat(header(dead, DeadLetterHeaders.SOURCE_OFFSET)).matches("\\d+");
        assertThat(header(dead, DeadLetterHeaders.CAUSE_CLASS)).isNotBlank();
        assertThat(awaitAlerts(bank, 1).getString("items[0].transactionId")).isEqualTo("tx-next");
    }

    @Test
    void pagesWalkEveryAlertOnceNewestFirst() {
        String bank = newBank();
        List<Alert> alerts = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            alerts.add(alert(bank, "tx-" + i, NINE_FIFTEEN.plus(Duration.ofMinutes(i)), 0.6));
        }
        // two alerts at the same instant: the alert id orders them
        alerts.add(alert(bank, "tx-7", NINE_FIFTEEN.plus(Duration.ofMinutes(6)), 0.6));
        topic.produce(alerts.toArray(Alert[]::new));
        awaitAlerts(bank, 8);

        List<String> walked = new ArrayList<>();
        int pages = 0;
        String cursor = null;
        do {
            JsonPath page = asApp(bank)
                    .queryParam("bankId", bank)
                    .queryParam("limit", 3)
                    .queryParams(cursor == null ? Map.of() : Map.of("cursor", cursor))
                    .get("/api/v1/alerts")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            walked.addAll(page.getList("items.transactionId", String.class));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(walked).containsExactly("tx-7", "tx-6", "tx-5", "tx-4", "tx-3", "tx-2", "tx-1", "tx-0");
    }

    @Test
    void filtersByScoreAndTimeRange() {
        String bank = newBank();
        topic.produce(
                alert(bank, "tx-low", NINE_FIFTEEN, 0.55),
                alert(bank, "tx-high", NINE_FIFTEEN.plusSeconds(3600), 0.95));
        awaitAlerts(bank, 2);

        asApp(bank)
                .queryParam("bankId", bank)
                .queryParam("minScore", "0.9")
                .get("/api/v1/alerts")
                .then()
                .statusCode(200)
                .body("items.transactionId", equalTo(List.of("tx-high")));
        asApp(bank)
                .queryParam("bankId", bank)
                .queryParam("from", "2026-11-22T09:00:00Z")
                .queryParam("to", "2026-11-22T10:00:00Z")
                .get("/api/v1/alerts")
                .then()
                .statusCode(200)
                .body("items.transactionId", equalTo(List.of("tx-low")));
        asApp(bank)
                .queryParam("bankId", bank)
                .queryParam("status", "FALSE_POSITIVE")
                .get("/api/v1/alerts")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(0));
    }

    @Test
    void countsAlertsPerDayAndStatus() {
        String bank = newBank();
        topic.produce(
                alert(bank, "tx-a", NINE_FIFTEEN, 0.7),
                alert(bank, "tx-b", NINE_FIFTEEN.plusSeconds(60), 0.7),
                alert(bank, "tx-c", NINE_FIFTEEN.minus(Duration.ofDays(1)), 0.7));
        awaitAlerts(bank, 3);

        asApp(bank)
                .queryParam("bankId", bank)
                .queryParam("from", "2026-11-01T00:00:00Z")
                .queryParam("to", "2026-12-01T00:00:00Z")
                .get("/api/v1/alerts/counts")
                .then()
                .statusCode(200)
                .body("counts.day", equalTo(List.of("2026-11-22", "2026-11-21")))
                .body("counts.status", equalTo(List.of("OPEN", "OPEN")))
                .body("counts.alerts", equalTo(List.of(2, 1)));
    }

    @Test
    void anUnknownAlertIdIsA404Problem() {
        asApp(newBank())
                .get("/api/v1/alerts/{id}", "no-such-alert")
                .then()
                .statusCode(404)
                .contentType(containsString("application/problem+json"))
                .body("status", equalTo(404))
                .body("title", equalTo("Not Found"));
    }

    @Test
    void badQueryParametersAre400ProblemsNamingEachOne() {
        asApp(newBank())
                .queryParam("limit", "501")
                .queryParam("minScore", "high")
                .get("/api/v1/alerts")
                .then()
                .statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("errors.field", hasItems("limit", "minScore"))
                .body(org.hamcrest.Matchers.not(containsString("high")));
    }

    @Test
    void reportsReadyAndExposesSinkMetricsAndTheOpenApiDocument() {
        await().atMost(WITHIN_SECONDS)
                .untilAsserted(() ->
                        given().get("/q/health/ready").then().statusCode(200).body(containsString("alert-sink")));
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("vigil_alerts_stored_total"))
                .body(containsString("vigil_alerts_sink_lag"));
        given().get("/q/openapi")
                .then()
                .statusCode(200)
                .body(containsString("/api/v1/alerts/{alertId}"))
                .body(containsString("bearerFormat: JWT"));
    }

    private static JsonPath awaitAlerts(String bank, int count) {
        return await().atMost(WITHIN_SECONDS)
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> asApp(bank)
                                .queryParam("bankId", bank)
                                .get("/api/v1/alerts")
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath(),
                        page -> page.getList("items").size() >= count);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
