package dev.vigil.stack.testing;

import dev.vigil.stack.LocalStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a topic of the test stack as a test checks it: where it ends now, then the first
 * committed record with a given key written after that point.
 */
public final class TopicProbe {

    private final String bootstrapServers;

    public TopicProbe(LocalStack stack) {
        this.bootstrapServers = stack.kafkaBootstrapServers();
    }

    /** The end offset of every partition of {@code topic}. */
    public Map<TopicPartition, Long> endOffsets(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            return consumer.endOffsets(partitions, Duration.ofSeconds(10));
        }
    }

    /** The first committed record keyed by {@code key} at or after {@code from}; fails after {@code within}. */
    public ConsumerRecord<byte[], byte[]> firstWithKey(Map<TopicPartition, Long> from, String key, Duration within) {
        byte[] wanted = key.getBytes(StandardCharsets.UTF_8);
        Instant deadline = Instant.now().plus(within);
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() != null && Arrays.equals(record.key(), wanted)) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("no record keyed " + key + " within " + within);
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
