package dev.vigil.e2e;

import dev.vigil.schemas.Topic;
import dev.vigil.schemas.TopicSerdes;
import dev.vigil.stack.LocalStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;

/**
 * What is on the broker's topics: every byte, committed or not (keys, values and headers as text;
 * Avro writes strings as plain UTF-8, so a value produced anywhere shows), or the committed values
 * of one topic, decoded.
 */
final class TopicContents {

    private TopicContents() {}

    /**
     * The records of every topic on the broker but Kafka's own ({@code __*}), so the scorer's
     * changelogs too, each rendered as one string of key, value and headers.
     */
    static List<String> everyRecord(String bootstrapServers) {
        List<String> records = new ArrayList<>();
        for (String topic : topicNames(bootstrapServers)) {
            if (!topic.startsWith("__")) {
                records.addAll(records(bootstrapServers, topic));
            }
        }
        return records;
    }

    /**
     * The partitions, of every topic but Kafka's own, on which a transaction is open: their last
     * stable offset (the end a read_committed consumer can reach) is behind their high watermark
     * (the end a read_uncommitted one reaches), each with both offsets. Once every producer has
     * committed or aborted, and the coordinator has aborted what a crashed one left, it is empty.
     */
    static Map<TopicPartition, String> openTransactions(String bootstrapServers) {
        try (KafkaConsumer<byte[], byte[]> uncommitted = consumer(bootstrapServers);
                KafkaConsumer<byte[], byte[]> committed = new KafkaConsumer<>(
                        config(bootstrapServers, "read_committed"),
                        new ByteArrayDeserializer(),
                        new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = uncommitted.listTopics().entrySet().stream()
                    .filter(topic -> !topic.getKey().startsWith("__"))
                    .flatMap(topic -> topic.getValue().stream())
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            Map<TopicPartition, Long> highWatermarks = uncommitted.endOffsets(partitions);
            Map<TopicPartition, Long> lastStable = committed.endOffsets(partitions);
            Map<TopicPartition, String> open = new TreeMap<>(Comparator.comparing(TopicPartition::toString));
            highWatermarks.forEach((partition, end) -> {
                if (lastStable.get(partition) < end) {
                    open.put(partition, "last stable offset " + lastStable.get(partition) + " < high watermark " + end);
                }
            });
            return open;
        }
    }

    private static Set<String> topicNames(String bootstrapServers) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers)) {
            return consumer.listTopics().keySet();
        }
    }

    private static List<String> records(String bootstrapServers, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers)) {
            List<String> records = new ArrayList<>();
            readAll(consumer, topic, record -> records.add(render(record)));
            return records;
        }
    }

    /**
     * The values a consumer of {@code topic} sees: committed records only, as the services read
     * them. A record no consumer can decode (a poison record the scorer dead-lettered) is skipped,
     * as the services skip it.
     */
    static <V> List<V> committedValues(LocalStack stack, Topic<?, V> topic) {
        Properties config = config(stack.kafkaBootstrapServers(), "read_committed");
        try (Serde<V> serde = new TopicSerdes(stack.registryUrl(), false).valueSerde(topic);
                KafkaConsumer<byte[], byte[]> consumer =
                        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            Deserializer<V> decoder = serde.deserializer();
            List<V> values = new ArrayList<>();
            readAll(consumer, topic.name(), record -> {
                try {
                    values.add(decoder.deserialize(topic.name(), record.headers(), record.value()));
                } catch (RuntimeException unreadable) {
                    // not a record of this topic's schema: the services dead-letter it
                }
            });
            return values;
        }
    }

    /**
     * The latest committed value of each key of a compacted topic (a store's changelog), as bytes,
     * keyed by the key as UTF-8; a tombstone removes its key.
     */
    static Map<String, byte[]> latestCommittedBytes(String bootstrapServers, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                config(bootstrapServers, "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            Map<String, byte[]> latest = new HashMap<>();
            readAll(consumer, topic, record -> {
                if (record.value() == null) {
                    latest.remove(utf8(record.key()));
                } else {
                    latest.put(utf8(record.key()), record.value());
                }
            });
            return latest;
        }
    }

    private static <V> void readAll(
            KafkaConsumer<byte[], V> consumer, String topic, Consumer<ConsumerRecord<byte[], V>> action) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            consumer.poll(Duration.ofMillis(200)).forEach(action);
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers) {
        return new KafkaConsumer<>(
                config(bootstrapServers, "read_uncommitted"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static Properties config(String bootstrapServers, String isolation) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return config;
    }

    private static String render(ConsumerRecord<byte[], byte[]> record) {
        StringBuilder text = new StringBuilder(record.topic()).append(' ');
        text.append(utf8(record.key())).append(' ').append(utf8(record.value()));
        for (Header header : record.headers()) {
            text.append(' ').append(header.key()).append('=').append(utf8(header.value()));
        }
        return text.toString();
    }

    private static String utf8(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }
}
