package dev.vigil.alerts;

import dev.vigil.events.Alert;
import dev.vigil.events.TransactionLabel;
import dev.vigil.schemas.TopicSerdes;
import dev.vigil.schemas.Topics;
import dev.vigil.stack.LocalStack;
import dev.vigil.stack.testing.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Writes to fraud-alerts as the scorer does (transactionally, Avro through the registry) and reads dead letters. */
public final class AlertTopic {

    public static final Duration WITHIN_SECONDS = Duration.ofSeconds(30);

    private final LocalStack stack = LocalStack.forTests();
    private final TopicSerdes serdes = new TopicSerdes(stack.registryUrl(), true);
    private final TopicProbe probe = new TopicProbe(stack);

    public byte[] avro(Alert alert) {
        return serdes.valueSerde(Topics.FRAUD_ALERTS)
                .serializer()
                .serialize(Topics.FRAUD_ALERTS.name(), new RecordHeaders(), alert);
    }

    public static ProducerRecord<byte[], byte[]> record(String key, byte[] value) {
        return new ProducerRecord<>(Topics.FRAUD_ALERTS.name(), key.getBytes(StandardCharsets.UTF_8), value);
    }

    public void produce(List<ProducerRecord<byte[], byte[]>> records) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "alerts-test-" + UUID.randomUUID());
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
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
        return probe.endOffsets(topic);
    }

    /** The first record keyed by {@code key} written after {@code from}. */
    public ConsumerRecord<byte[], byte[]> awaitRecord(Map<TopicPartition, Long> from, String key) {
        return probe.firstWithKey(from, key, WITHIN_SECONDS);
    }

    public TransactionLabel label(ConsumerRecord<byte[], byte[]> record) {
        return serdes.valueSerde(Topics.TRANSACTION_LABELS)
                .deserializer()
                .deserialize(record.topic(), record.headers(), record.value());
    }
}
