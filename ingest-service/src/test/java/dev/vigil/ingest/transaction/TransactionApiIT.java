package dev.vigil.ingest.transaction;

import static dev.vigil.ingest.testing.SampleRequests.VISA;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import dev.vigil.events.Channel;
import dev.vigil.events.Transaction;
import dev.vigil.ingest.testing.AppConfig;
import dev.vigil.ingest.testing.JsonText;
import dev.vigil.ingest.testing.KafkaProbe;
import dev.vigil.ingest.testing.SampleRequests;
import dev.vigil.ingest.testing.Senders;
import dev.vigil.schemas.Topics;
import dev.vigil.stack.testing.JwtKeysResource;
import dev.vigil.stack.testing.LocalStackResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The transaction endpoints against a real broker and registry from the local stack. */
@QuarkusTest
@WithTestResource(JwtKeysResource.class)
@WithTestResource(LocalStackResource.class)
class TransactionApiIT {

    static final String TOPIC = Topics.TRANSACTIONS.name();

    static KafkaProbe kafka;
    static Deserializer<Transaction> transactions;

    @BeforeAll
    static void connect() {
        kafka = AppConfig.kafkaProbe();
        transactions = AppConfig.deserializer(Topics.TRANSACTIONS);
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
        transactions.close();
    }

    static JsonText freshTransaction() {
        return SampleRequests.transactionAMinuteAgo();
    }

    static Response post(String path, String body) {
        return Senders.ofSampleBank().body(body).when().post(path);
    }

    private Transaction value(ConsumerRecord<byte[], byte[]> record) {
        return transactions.deserialize(record.topic(), record.headers(), record.value());
    }

    private static void assertNoCardNumberIn(ConsumerRecord<byte[], byte[]> record) {
        assertThat(new String(record.key(), StandardCharsets.ISO_8859_1)).doesNotContain(VISA);
        assertThat(new String(record.value(), StandardCharsets.ISO_8859_1)).doesNotContain(VISA);
        for (Header header : record.headers()) {
            assertThat(header.key()).doesNotContain(VISA);
            assertThat(new String(header.value(), StandardCharsets.ISO_8859_1)).doesNotContain(VISA);
        }
    }

    @Test
    void validTransactionIsAcceptedAsExactlyOneAvroRecordKeyedByTheCardToken() {
        JsonText tx = freshTransaction();
        String id = idOf(tx);
        Map<TopicPartition, Long> before = kafka.endOffsets(TOPIC);

        post("/api/v1/transactions", tx.render()).then().statusCode(202).body("transactionId", equalTo(id));

        List<ConsumerRecord<byte[], byte[]>> records = kafka.recordsSince(before);
        assertThat(records).hasSize(1);
        ConsumerRecord<byte[], byte[]> record = records.get(0);
        assertNoCardNumberIn(record);
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(AppConfig.tokenOf(VISA));
        Transaction event = value(record);
        assertThat(event.getTransactionId()).isEqualTo(id);
        assertThat(event.getCardToken()).isEqualTo(AppConfig.tokenOf(VISA));
        assertThat(event.getCardBin()).isEqualTo("411111");
        assertThat(event.getCardLast4()).isEqualTo("1111");
        assertThat(event.getAmountMinor()).isEqualTo(1234);
        assertThat(event.getChannel()).isEqualTo(Channel.CARD_PRESENT);
        assertThat(event.getUtcOffsetMinutes()).isEqualTo(60);
        assertThat(record.timestamp())
                .as("record timestamp is the event time")
                .isEqualTo(event.getEventTime().toEpochMilli());
        assertThat(event.getReceivedAt()).isAfter(event.getEventTime());
    }

    @Test
    void badPanIsRejectedNamingPanAndNothingReachesKafka() {
        Map<TopicPartition, Long> before = kafka.endOffsets(TOPIC);

        Response response = post(
                "/api/v1/transactions",
                freshTransaction().text("pan", "4111111111111112").render());

        response.then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", contains("pan"))
                .body("errors.reason", contains("fails the Luhn check"));
        assertThat(response.asString()).doesNotContain("4111111111111112");
        assertThat(kafka.endOffsets(TOPIC)).isEqualTo(before);
    }

    @Test
    void invalidRequestReportsEveryFieldAtOnce() {
        post(
                        "/api/v1/transactions",
                        freshTransaction()
                                .text("currency", "JPY")
                                .text("amount", "1.5")
                                .text("mcc", "12")
                                .text("timestamp", "2026-11-22T10:15:30")
                                .text("cardToken", "x")
                                .render())
                .then()
                .statusCode(400)
                .body("errors.field", containsInAnyOrder("amount", "mcc", "timestamp", "cardToken"));
    }

    @Test
    void batchWithOneInvalidTransactionIsRejectedWholeAndNothingReachesKafka() {
        Map<TopicPartition, Long> before = kafka.endOffsets(TOPIC);
        String batch =
                batch(freshTransaction(), freshTransaction().text("pan", "4111111111111112"), freshTransaction());

        post("/api/v1/transactions/batch", batch)
                .then()
                .statusCode(400)
                .body("errors.field", contains("transactions[1].pan"));

        assertThat(kafka.endOffsets(TOPIC)).isEqualTo(before);
    }

    @Test
    void validBatchIsAcceptedWholeInOrder() {
        List<JsonText> txs = List.of(freshTransaction(), freshTransaction(), freshTransaction());
        List<String> ids = txs.stream().map(TransactionApiIT::idOf).collect(Collectors.toList());
        Map<TopicPartition, Long> before = kafka.endOffsets(TOPIC);

        post("/api/v1/transactions/batch", batch(txs.toArray(JsonText[]::new)))
                .then()
                .statusCode(202)
                .body("accepted", equalTo(ids));

        List<ConsumerRecord<byte[], byte[]>> records = kafka.recordsSince(before);
        assertThat(records).hasSize(3);
        assertThat(records.stream().map(this::value).map(Transaction::getTransactionId))
                .containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void retryWithTheSameIdAndBodyIsAcceptedAgainButProducedOnce() {
        JsonText tx = freshTransaction();
        Map<TopicPartition, Long> before = kafka.endOffsets(TOPIC);

        post("/api/v1/transactions", tx.render()).then().statusCode(202);
        post("/api/v1/transactions", tx.render()).then().statusCode(202).body("transactionId", equalTo(idOf(tx)));
        // the same content spelled differently is the same transaction
        post("/api/v1/transactions", tx.raw("amount", "12.340").render()).then().statusCode(202);

        assertThat(kafka.recordsSince(before)).hasSize(1);
    }

    @Test
    void sameIdWithDifferentBodyIsAConflict() {
        JsonText tx = freshTransaction();
        Map<TopicPartition, Long> before = kafka.endOffsets(TOPIC);
        post("/api/v1/transactions", tx.render()).then().statusCode(202);

        post("/api/v1/transactions", tx.text("amount", "99.99").render())
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("errors.field", contains("transactionId"));

        List<ConsumerRecord<byte[], byte[]>> records = kafka.recordsSince(before);
        assertThat(records).hasSize(1);
        assertThat(value(records.get(0)).getAmountMinor()).isEqualTo(1234);
    }

    @Test
    void batchReusingAnAcceptedIdWithOtherContentIsAConflictAndProducesNothing() {
        JsonText accepted = freshTransaction();
        post("/api/v1/transactions", accepted.render()).then().statusCode(202);
        Map<TopicPartition, Long> before = kafka.endOffsets(TOPIC);

        post("/api/v1/transactions/batch", batch(freshTransaction(), accepted.text("mcc", "5999")))
                .then()
                .statusCode(409)
                .body("errors.field", contains("transactions[1].transactionId"));

        assertThat(kafka.endOffsets(TOPIC)).isEqualTo(before);
    }

    @Test
    void concurrentDuplicatesAreProducedOnce() throws Exception {
        String body = freshTransaction().render();
        Map<TopicPartition, Long> before = kafka.endOffsets(TOPIC);
        int clients = 8;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                statuses.add(pool.submit(() -> {
                    start.await();
                    return post("/api/v1/transactions", body).statusCode();
                }));
            }
            start.countDown();
            for (Future<Integer> status : statuses) {
                assertThat(status.get(30, TimeUnit.SECONDS)).isEqualTo(202);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(kafka.recordsSince(before)).hasSize(1);
    }

    @Test
    void wrongContentTypeIsRefusedWith415() {
        Senders.ofSampleBank()
                .contentType("text/plain")
                .body(freshTransaction().render())
                .when()
                .post("/api/v1/transactions")
                .then()
                .statusCode(415)
                .contentType("application/problem+json");
    }

    @Test
    void malformedJsonIsRejectedWithAReasonThatDoesNotQuoteTheBody() {
        Response response = post("/api/v1/transactions", "{\"pan\": \"" + VISA + "\", \"amount\": 12,34}");

        response.then()
                .statusCode(400)
                .body("errors.field", contains("body"))
                .body("errors[0].reason", startsWith("malformed JSON at line 1, column "));
        assertThat(response.asString()).doesNotContain(VISA);
    }

    @Test
    void bodyLargerThanTheLimitIsRefused() {
        String huge =
                freshTransaction().text("merchantId", "m".repeat(1_100_000)).render();

        post("/api/v1/transactions", huge).then().statusCode(413);
    }

    @Test
    void deeplyNestedJsonIsRejected() {
        String deep = "{\"a\":".repeat(20) + "1" + "}".repeat(20);

        post("/api/v1/transactions", deep)
                .then()
                .statusCode(400)
                .body("errors[0].reason", equalTo("JSON is nested deeper than 8 levels"));
    }

    @Test
    void metricsCountAcceptedAndRejectedByField() {
        post("/api/v1/transactions", freshTransaction().render()).then().statusCode(202);
        post("/api/v1/transactions", freshTransaction().text("mcc", "1").render())
                .then()
                .statusCode(400);

        String metrics = given().when()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();

        assertThat(metrics).containsPattern("vigil_ingest_accepted_total\\{endpoint=\"transaction\"[^}]*} [1-9]");
        assertThat(metrics)
                .containsPattern("vigil_ingest_rejections_total\\{endpoint=\"transaction\",field=\"mcc\"[^}]*} [1-9]");
        assertThat(metrics).contains("vigil_ingest_produce_latency_seconds_bucket");
        assertThat(metrics).doesNotContain(VISA);
    }

    @Test
    void readinessReportsTheBrokerUp() {
        given().when().get("/q/health/ready").then().statusCode(200).body("checks.name", hasItem("kafka"));
    }

    @Test
    void openApiDescribesTheEndpoints() {
        given().accept("application/json")
                .when()
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body(
                        "paths.keySet()",
                        hasItems("/api/v1/transactions", "/api/v1/transactions/batch", "/api/v1/labels"));
    }

    static String idOf(JsonText tx) {
        return tx.render().replaceAll(".*\"transactionId\":\"([^\"]+)\".*", "$1");
    }

    static String batch(JsonText... txs) {
        return "{\"transactions\":["
                + List.of(txs).stream().map(JsonText::render).collect(Collectors.joining(",")) + "]}";
    }
}
