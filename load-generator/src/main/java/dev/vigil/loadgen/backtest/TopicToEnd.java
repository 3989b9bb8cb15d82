package dev.vigil.loadgen.backtest;

import dev.vigil.schemas.Topic;
import dev.vigil.schemas.TopicSerdes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads every committed record of a topic, from the beginning of each partition to the end it had
 * when the read began, and hands each value on. A backtest reads its topics once the pipeline has
 * caught up, so the end at the start is the whole run.
 */
final class TopicToEnd {

    private TopicToEnd() {}

    static <V> long read(String bootstrapServers, TopicSerdes serdes, Topic<String, V> topic, Consumer<V> each) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "vigil-backtest-" + topic.name());
        long count = 0;
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(
                config, new StringDeserializer(), serdes.valueSerde(topic).deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(topic.name(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                        each.accept(record.value());
                        count++;
                    }
                }
            }
        }
        return count;
    }
}
