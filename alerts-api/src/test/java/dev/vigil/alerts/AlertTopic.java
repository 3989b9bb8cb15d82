package dev.vigil.alerts;

import static org.awaitility.Awaitility.await;

import dev.vigil.events.Alert;
import dev.vigil.events.TransactionLabel;
import dev.vigil.schemas.TopicSerdes;
import dev.vigil.schemas.Topics;
import dev.vigil.stack.LocalStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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

/** Writes to fraud-alerts as the scorer does (transactionally, Avro through the registry) and reads dead letters. */
public final class AlertTopic {

    public static final Duration WITHIN_SECONDS = Duration.ofSeconds(30);

    private final LocalStack stack = LocalStack.forTests();
    private final TopicSerdes serdes = new TopicSerdes(stack.registryUrl(), true);

    public byte[] avro(Alert alert) {
        return serdes.valueSerde(Topics.FRAUD_ALERTS).serializer()
                .serialize(Topics.FRAUD_ALERTS.name(), new RecordHeaders(), alert);
    }

    public static ProducerRecord<byte[], byte[]> record(String key, byte[] value) {
        return new ProducerRecord<>(Topics.FRAUD_ALERTS.name(), key.getBytes(StandardCharsets.UTF_8), value);
    }

    public void produce(List<ProducerRecord<byte[], byte[]>> records) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "alerts-test-" + UUID.randomUUID());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            records.forEach(producer::send);
            producer.commitTransaction();
        }
    }

    public void produce(Alert... alerts) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (Alert alert : alerts) {
            records.add(record(alert.getCardToken(), avro(alert)));
        }
        produce(records);
    }

    public Map<TopicPartition, Long> endOffsets(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            return consumer.endOffsets(partitions, Duration.ofSeconds(10));
        }
    }

    /** The first record keyed by {@code key} written after {@code from}. */
    public ConsumerRecord<byte[], byte[]> awaitRecord(Map<TopicPartition, Long> from, String key) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
            await().atMost(WITHIN_SECONDS).pollInterval(Duration.ofMillis(100)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.key() != null && new String(r.key(), StandardCharsets.UTF_8).equals(key)) {
                        found.add(r);
                    }
                });
                return !found.isEmpty();
            });
            return found.get(0);
        }
    }

    public TransactionLabel label(ConsumerRecord<byte[], byte[]> record) {
        return serdes.valueSerde(Topics.TRANSACTION_LABELS).deserializer()
                .deserialize(record.topic(), record.headers(), record.value());
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
