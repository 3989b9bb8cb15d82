package dev.vigil.e2e;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Every byte on the broker's topics, committed or not: keys, values and headers of each record as
 * text. Avro writes strings as plain UTF-8, so a value that was produced anywhere shows here.
 */
final class TopicContents {

    private TopicContents() {
    }

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

    private static Set<String> topicNames(String bootstrapServers) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers)) {
            return consumer.listTopics().keySet();
        }
    }

    static List<String> records(String bootstrapServers, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<String> records = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    records.add(render(record));
                }
            }
            return records;
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
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
