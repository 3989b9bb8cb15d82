package dev.vigil.loadgen.scores;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.events.TransactionScore;
import dev.vigil.schemas.TopicSerdes;
import dev.vigil.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code scores}: reads an engine's {@code TransactionScore} topic after a benchmark step and reports
 * how many of the step's transactions it scored, at what sustained rate, and the event-to-score
 * latency percentiles ({@link ScoreLatency}), as one JSON line on standard output. Reads committed
 * records only, and waits (at most {@code --wait}) until {@code --expect} transactions are scored or
 * nothing new arrives for {@code --idle}.
 */
@Command(
        name = "scores",
        mixinStandardHelpOptions = true,
        description = "Latency and throughput of the scores on a topic for transactions received in [--from, --to).")
public final class ScoresCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Kafka Streams stamps a score with its input's timestamp (the event time), a little before receivedAt. */
    private static final Duration SEEK_MARGIN = Duration.ofMinutes(1);

    @Option(names = "--topic", required = true, description = "e.g. transaction-scores or transaction-scores-spark")
    String topic;

    @Option(names = "--from", required = true, description = "step start, epoch milliseconds")
    long fromMillis;

    @Option(names = "--to", required = true, description = "step end, epoch milliseconds")
    long toMillis;

    @Option(names = "--expect", defaultValue = "0", description = "transactions the step sent; 0: read until idle")
    long expect;

    @Option(names = "--wait", defaultValue = "120", description = "seconds to wait at most (default: ${DEFAULT-VALUE})")
    long waitSeconds;

    @Option(
            names = "--idle",
            defaultValue = "15",
            description = "seconds without a new score that end the wait (default: ${DEFAULT-VALUE})")
    long idleSeconds;

    @Option(
            names = "--bootstrap-servers",
            defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}",
            description = "bootstrap servers")
    String kafka;

    @Option(
            names = "--registry-url",
            defaultValue = "${env:APICURIO_REGISTRY_URL:-http://127.0.0.1:8081/apis/registry/v3}",
            description = "schema registry (Apicurio v3 API)")
    String registry;

    @Option(names = "--json", description = "also write the result to this file")
    Path json;

    @Override
    public Integer call() throws Exception {
        ScoreLatency latency = new ScoreLatency(Instant.ofEpochMilli(fromMillis), Instant.ofEpochMilli(toMillis));
        try (KafkaConsumer<String, TransactionScore> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            seekToStepStart(consumer, partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(waitSeconds).toNanos();
            long lastNew = System.nanoTime();
            while (System.nanoTime() < deadline
                    && (expect == 0 || latency.scored() < expect)
                    && System.nanoTime() - lastNew
                            < Duration.ofSeconds(idleSeconds).toNanos()) {
                for (ConsumerRecord<String, TransactionScore> record : consumer.poll(Duration.ofMillis(500))) {
                    if (latency.add(record.value())) {
                        lastNew = System.nanoTime();
                    }
                }
            }
        }
        String line = JSON.writeValueAsString(latency.result());
        System.out.println(line);
        if (json != null) {
            JSON.writeValue(json.toFile(), latency.result());
        }
        return 0;
    }

    private KafkaConsumer<String, TransactionScore> consumer() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "vigil-bench-scores-" + topic.toLowerCase(Locale.ROOT));
        return new KafkaConsumer<>(
                config,
                new StringDeserializer(),
                new TopicSerdes(registry, false)
                        .valueSerde(Topics.TRANSACTION_SCORES.named(topic))
                        .deserializer());
    }

    /** From the first record stamped shortly before the step (or the end, when there is none). */
    private void seekToStepStart(KafkaConsumer<?, ?> consumer, List<TopicPartition> partitions) {
        long seekTo = fromMillis - SEEK_MARGIN.toMillis();
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(p -> times.put(p, seekTo));
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(times);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp at = offsets.get(partition);
            consumer.seek(partition, at != null ? at.offset() : ends.get(partition));
        }
    }
}
