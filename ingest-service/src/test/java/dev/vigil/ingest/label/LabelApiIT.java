package dev.vigil.ingest.label;

import static dev.vigil.ingest.testing.SampleRequests.VISA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;

import dev.vigil.events.Label;
import dev.vigil.events.LabelSource;
import dev.vigil.events.TransactionLabel;
import dev.vigil.ingest.testing.AppConfig;
import dev.vigil.ingest.testing.KafkaProbe;
import dev.vigil.ingest.testing.SampleRequests;
import dev.vigil.ingest.testing.Senders;
import dev.vigil.schemas.Topics;
import dev.vigil.stack.testing.JwtKeysResource;
import dev.vigil.stack.testing.LocalStackResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The label endpoint against a real broker and registry from the local stack. */
@QuarkusTest
@WithTestResource(JwtKeysResource.class)
@WithTestResource(LocalStackResource.class)
class LabelApiIT {

    static final String TOPIC = Topics.TRANSACTION_LABELS.name();

    static KafkaProbe kafka;
    static Deserializer<TransactionLabel> labels;

    @BeforeAll
    static void connect() {
        kafka = AppConfig.kafkaProbe();
        labels = AppConfig.deserializer(Topics.TRANSACTION_LABELS);
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
        labels.close();
    }

    /** A transaction of the sample requests' bank and card, sent and acknowledged: labels may name it. */
    static String sentTransaction() {
        String id = "tx-" + UUID.randomUUID();
        Senders.ofSampleBank()
                .body(SampleRequests.transactionAMinuteAgo()
                        .text("transactionId", id)
                        .render())
                .when()
                .post("/api/v1/transactions")
                .then()
                .statusCode(202);
        return id;
    }

    @Test
    void labelIsProducedKeyedByTheCardTokenWithItsId() {
        String transactionId = sentTransaction();
        Instant before = Instant.now();
        Map<TopicPartition, Long> offsets = kafka.endOffsets(TOPIC);

        String labelId = Senders.ofSampleBank()
                .body(SampleRequests.label()
                        .text("transactionId", transactionId)
                        .text("transactionTime", SampleRequests.iso(before.minusSeconds(3600)))
                        .render())
                .when()
                .post("/api/v1/labels")
                .then()
                .statusCode(202)
                .extract()
                .path("labelId");

        List<ConsumerRecord<byte[], byte[]>> records = kafka.recordsSince(offsets);
        assertThat(records).hasSize(1);
        ConsumerRecord<byte[], byte[]> record = records.get(0);
        String token = AppConfig.tokenOf(VISA);
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(token);
        assertThat(new String(record.value(), StandardCharsets.ISO_8859_1)).doesNotContain(VISA);
        TransactionLabel label = labels.deserialize(TOPIC, record.headers(), record.value());
        assertThat(label.getLabelId()).isEqualTo(labelId);
        assertThat(label.getTransactionId()).isEqualTo(transactionId);
        assertThat(label.getCardToken()).isEqualTo(token);
        assertThat(label.getLabel()).isEqualTo(Label.FRAUD);
        assertThat(label.getSource()).isEqualTo(LabelSource.CHARGEBACK);
        assertThat(label.getLabelledAt()).as("defaults to now").isBetween(before.minusMillis(1), Instant.now());
        assertThat(label.getTransactionTime()).isNotNull();
        assertThat(record.timestamp()).isEqualTo(label.getLabelledAt().toEpochMilli());
    }

    @Test
    void retriedLabelGetsTheSameId() {
        String body =
                SampleRequests.label().text("transactionId", sentTransaction()).render();

        String first = Senders.ofSampleBank()
                .body(body)
                .post("/api/v1/labels")
                .then()
                .statusCode(202)
                .extract()
                .path("labelId");
        String second = Senders.ofSampleBank()
                .body(body)
                .post("/api/v1/labels")
                .then()
                .statusCode(202)
                .extract()
                .path("labelId");

        assertThat(second).isEqualTo(first);
    }

    @Test
    void aLabelForATransactionTheBankNeverSentIsRefused422AndNotProduced() {
        Map<TopicPartition, Long> offsets = kafka.endOffsets(TOPIC);

        Senders.ofSampleBank()
                .body(SampleRequests.label()
                        .text("transactionId", "tx-" + UUID.randomUUID())
                        .render())
                .when()
                .post("/api/v1/labels")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", contains("transactionId"))
                .body("errors.reason", contains("names no transaction this bank sent"));

        assertThat(kafka.endOffsets(TOPIC)).isEqualTo(offsets);
    }

    @Test
    void aLabelOnAnotherCardThanItsTransactionsIsRefused422() {
        Map<TopicPartition, Long> offsets = kafka.endOffsets(TOPIC);

        Senders.ofSampleBank()
                .body(SampleRequests.label()
                        .text("transactionId", sentTransaction())
                        .text("pan", SampleRequests.MASTERCARD)
                        .render())
                .when()
                .post("/api/v1/labels")
                .then()
                .statusCode(422)
                .body("errors.field", contains("pan"));

        assertThat(kafka.endOffsets(TOPIC)).isEqualTo(offsets);
    }

    @Test
    void aTransactionIdAnotherBankSentIsNotThisBanksToLabel() {
        String id = sentTransaction();

        Senders.of("bank-b")
                .body(SampleRequests.label()
                        .text("transactionId", id)
                        .text("bankId", "bank-b")
                        .render())
                .when()
                .post("/api/v1/labels")
                .then()
                .statusCode(422)
                .body("errors.field", contains("transactionId"));
    }

    @Test
    void invalidLabelIsRejectedAndNothingReachesKafka() {
        Map<TopicPartition, Long> offsets = kafka.endOffsets(TOPIC);

        Senders.ofSampleBank()
                .body(SampleRequests.label()
                        .text("source", "ANALYST")
                        .text("pan", "4111111111111112")
                        .render())
                .when()
                .post("/api/v1/labels")
                .then()
                .statusCode(400)
                .body("errors.field", contains("pan", "source"));

        assertThat(kafka.endOffsets(TOPIC)).isEqualTo(offsets);
    }
}
