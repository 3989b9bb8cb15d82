package dev.vigil.ingest.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

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
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Retries and reused ids with the in-memory cache forgetting every entry within a millisecond, as
 * after a restart or on another instance: the answers come from the durable store alone.
 */
@QuarkusTest
@TestProfile(DurableIdempotencyIT.NoMemory.class)
@WithTestResource(LocalStackResource.class)
@WithTestResource(JwtKeysResource.class)
class DurableIdempotencyIT {

    public static class NoMemory implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vigil.ingest.idempotency.ttl", "PT0.001S");
        }
    }

    static final String TOPIC = Topics.TRANSACTIONS.name();
    static KafkaProbe kafka;

    @BeforeAll
    static void connect() {
        kafka = AppConfig.kafkaProbe();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    private static Response post(String bank, JsonText transaction) throws InterruptedException {
        Thread.sleep(5); // past the cache's TTL: it remembers nothing of the previous request
        return Senders.of(bank).body(transaction.render()).when().post("/api/v1/transactions");
    }

    @Test
    void aReusedIdWithOtherContentIsRefused409FromTheStoreAndNotProduced() throws Exception {
        JsonText first = SampleRequests.transactionAMinuteAgo();
        Map<TopicPartition, Long> before = kafka.endOffsets(TOPIC);
        post(Senders.BANK, first).then().statusCode(202);

        post(Senders.BANK, first.text("amount", "99.99"))
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("errors.field", contains("transactionId"));

        assertThat(kafka.recordsSince(before)).hasSize(1);
    }

    @Test
    void aRetryOfAnAcknowledgedTransactionIs202WithoutProducingAgain() throws Exception {
        String id = "tx-" + UUID.randomUUID();
        JsonText transaction = SampleRequests.transactionAMinuteAgo().text("transactionId", id);
        Map<TopicPartition, Long> before = kafka.endOffsets(TOPIC);
        post(Senders.BANK, transaction).then().statusCode(202);

        post(Senders.BANK, transaction).then().statusCode(202).body("transactionId", equalTo(id));

        assertThat(kafka.recordsSince(before)).hasSize(1);
    }

    @Test
    void anIdSentEarlierWithOtherContentIsRefusedInABatchAndNothingOfTheBatchIsProduced() throws Exception {
        String id = "tx-" + UUID.randomUUID();
        AppConfig.recordSent(Senders.BANK, id, SampleRequests.VISA);
        Map<TopicPartition, Long> before = kafka.endOffsets(TOPIC);
        JsonText fresh = SampleRequests.transactionAMinuteAgo();
        JsonText reused = SampleRequests.transactionAMinuteAgo().text("transactionId", id);

        Senders.ofSampleBank()
                .body("{\"transactions\": [" + fresh.render() + ", " + reused.render() + "]}")
                .when()
                .post("/api/v1/transactions/batch")
                .then()
                .statusCode(409)
                .body("errors.field", contains("transactions[1].transactionId"));

        assertThat(kafka.recordsSince(before)).isEmpty();
        // the fresh one was not kept either: sent alone now, it is new
        post(Senders.BANK, fresh).then().statusCode(202);
        assertThat(kafka.recordsSince(before)).hasSize(1);
    }

    @Test
    void transactionIdsAreUniquePerBankNotAcrossBanks() throws Exception {
        JsonText ofBankA = SampleRequests.transactionAMinuteAgo();
        post(Senders.BANK, ofBankA).then().statusCode(202);

        post("bank-b", ofBankA.text("bankId", "bank-b").text("amount", "7.00"))
                .then()
                .statusCode(202);
    }

    @Test
    void storeRowsHoldTheCardTokenNeverTheCardNumber() throws SQLException, InterruptedException {
        String id = "tx-" + UUID.randomUUID();
        post(Senders.BANK, SampleRequests.transactionAMinuteAgo().text("transactionId", id))
                .then()
                .statusCode(202);

        assertThat(AppConfig.sentRow(Senders.BANK, id))
                .contains(AppConfig.tokenOf(SampleRequests.VISA))
                .doesNotContain(SampleRequests.VISA);
    }
}
