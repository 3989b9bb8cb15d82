package dev.vigil.scorer;

import static dev.vigil.scorer.CardTransactions.HOME;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import dev.vigil.events.Alert;
import dev.vigil.events.Reason;
import dev.vigil.events.Transaction;
import dev.vigil.schemas.DeadLetterHeaders;
import dev.vigil.schemas.TopicSerdes;
import dev.vigil.schemas.Topics;
import dev.vigil.stack.LocalStack;
import dev.vigil.stack.testing.LocalStackResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * The real application against the local stack: Avro transactions in through a transactional
 * producer, alerts and dead letters out, read with read_committed consumers.
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
@WithTestResource(StateDirResource.class)
class ScorerAppIT {

    static final Duration WITHIN_SECONDS = Duration.ofSeconds(30);
    final LocalStack stack = LocalStack.forTests();
    final TopicSerdes serdes = new TopicSerdes(stack.registryUrl(), true);

    @Test
    void anObviousFraudAfterAUsualWeekBecomesAnAlertWithinSeconds() {
        String card = "tok-" + UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<Transaction> history = new ArrayList<>();
        for (int day = 6; day >= 1; day--) {
            history.add(CardTransactions.tx(
                    card, "tx-usual-" + day, 2_000 + 100L * day, HOME, now.minus(Duration.ofDays(day))));
        }
        Transaction fraud = CardTransactions.tx(card, "tx-fraud", 245_000, "BR", now.minus(Duration.ofMinutes(1)));
        history.add(fraud);
        Map<TopicPartition, Long> alertsFrom = endOffsets(Topics.FRAUD_ALERTS.name());

        produce(history.stream()
                .map(tx -> record(card, avro(tx), tx.getEventTime()))
                .toList());

        Alert alert = serdes.valueSerde(Topics.FRAUD_ALERTS)
                .deserializer()
                .deserialize(
                        Topics.FRAUD_ALERTS.name(),
                        awaitRecord(alertsFrom, card).value());
        assertThat(alert.getTransactionId()).isEqualTo("tx-fraud");
        assertThat(alert.getCardToken()).isEqualTo(card);
        assertThat(alert.getReasons().stream().map(Reason::getCode))
                .containsExactly("AMOUNT_FAR_ABOVE_USUAL", "NEW_COUNTRY_FOR_CARD");
        assertThat(alert.getDecision().name()).isEqualTo("DECLINE");
        assertThat(alert.getAlertId()).isEqualTo(Alerts.alertId("bank-a", "tx-fraud"));
    }

    @Test
    void aPoisonRecordLandsInDeadLettersAndTheCardsNextTransactionsAreStillScored() {
        String card = "tok-" + UUID.randomUUID();
        Instant start = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
        byte[] poison = ("not avro " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        records.add(record(card, poison, start));
        // then a burst: five transactions within ten minutes
        for (int i = 0; i < 5; i++) {
            Transaction tx =
                    CardTransactions.tx(card, "tx-burst-" + i, 1_500, HOME, start.plus(Duration.ofMinutes(1L + i)));
            records.add(record(card, avro(tx), tx.getEventTime()));
        }
        Map<TopicPartition, Long> deadFrom = endOffsets(Topics.DEAD_LETTERS.name());
        Map<TopicPartition, Long> alertsFrom = endOffsets(Topics.FRAUD_ALERTS.name());

        produce(records);

        ConsumerRecord<byte[], byte[]> dead = awaitRecord(deadFrom, card);
        assertThat(dead.value()).isEqualTo(poison);
        assertThat(new String(
                        dead.headers()
                                .lastHeader(DeadLetterHeaders.CAUSE_MESSAGE)
                                .value(),
                        StandardCharsets.UTF_8))
                .isEqualTo("value does not start with the schema registry's magic byte");
        assertThat(new String(
                        dead.headers().lastHeader(DeadLetterHeaders.FAILED_BY).value(), StandardCharsets.UTF_8))
                .isEqualTo("vigil-scorer");
        Alert alert = serdes.valueSerde(Topics.FRAUD_ALERTS)
                .deserializer()
                .deserialize(
                        Topics.FRAUD_ALERTS.name(),
                        awaitRecord(alertsFrom, card).value());
        // rules-v2: the third transaction within ten minutes is a burst
        assertThat(alert.getTransactionId()).isEqualTo("tx-burst-2");
        assertThat(alert.getReasons().get(0).getCode()).isEqualTo("BURST_OF_TRANSACTIONS");
    }

    @Test
    void reportsReadyAndExposesScoringMetrics() {
        await().atMost(WITHIN_SECONDS)
                .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("vigil_scorer_latency_seconds"))
                .body(containsString("kafka_stream"));
    }

    byte[] avro(Transaction tx) {
        return serdes.valueSerde(Topics.TRANSACTIONS)
                .serializer()
                .serialize(Topics.TRANSACTIONS.name(), new RecordHeaders(), tx);
    }

    static ProducerRecord<byte[], byte[]> record(String card, byte[] value, Instant timestamp) {
        return new ProducerRecord<>(
                Topics.TRANSACTIONS.name(),
                null,
                timestamp.toEpochMilli(),
                card.getBytes(StandardCharsets.UTF_8),
                value);
    }

    void produce(List<ProducerRecord<byte[], byte[]>> records) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "scorer-test-" + UUID.randomUUID());
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            records.forEach(producer::send);
            producer.commitTransaction();
        }
    }

    KafkaConsumer<byte[], byte[]> consumer() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    Map<TopicPartition, Long> endOffsets(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            return consumer.endOffsets(partitions, Duration.ofSeconds(10));
        }
    }

    /** The first record keyed by {@code card} written after {@code from}, waiting for it at most WITHIN_SECONDS. */
    ConsumerRecord<byte[], byte[]> awaitRecord(Map<TopicPartition, Long> from, String card) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
            await().atMost(WITHIN_SECONDS).pollInterval(Duration.ofMillis(100)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.key() != null && new String(r.key(), StandardCharsets.UTF_8).equals(card)) {
                        found.add(r);
                    }
                });
                return !found.isEmpty();
            });
            return found.get(0);
        }
    }
}
