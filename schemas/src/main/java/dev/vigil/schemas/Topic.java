package dev.vigil.schemas;

import java.io.Serializable;
import java.util.Map;
import java.util.Objects;

/**
 * A Kafka topic with the types of its keys and values and the settings it is created with.
 * Services refer to topics through {@link Topics} and take their serdes from {@link TopicSerdes},
 * so a topic name or a value type is spelled once.
 *
 * @param name        the topic name
 * @param partitions  partition count the stack creates it with
 * @param cleanup     delete (a log of events) or compact (a table: latest value per key)
 * @param keyType     the Java type of record keys
 * @param valueType   the Java type of record values
 *
 * <p>Serializable, so a Spark job can ship a topic to its executors.
 */
public record Topic<K, V>(String name, int partitions, Cleanup cleanup, Class<K> keyType, Class<V> valueType)
        implements Serializable {

    /** Kafka's {@code cleanup.policy}. */
    public enum Cleanup {
        DELETE,
        COMPACT;

        public String policy() {
            return this == DELETE ? "delete" : "compact";
        }
    }

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(cleanup, "cleanup");
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(valueType, "valueType");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be positive: " + partitions);
        }
    }

    /**
     * The same records under another name, e.g. a second engine's scores kept apart from the
     * scorer's; its schema registers under its own name ({@code <name>-value}).
     */
    public Topic<K, V> named(String otherName) {
        return new Topic<>(otherName, partitions, cleanup, keyType, valueType);
    }

    /**
     * Topic-level configuration the stack applies when it creates the topic.
     *
     * <p>An event log keeps its records whatever their age ({@code retention.ms=-1}): Kafka deletes by
     * record timestamp, and the records of every event topic carry event times (the import writes
     * months-old ones, and the scorer's scores and alerts inherit them), so time-based retention
     * would drop imported history before the archive and the scorer have read it. A bank bounds
     * these topics by size instead ({@code retention.bytes} per partition, sized for the days the
     * archive may lag), or by time only once the archive has the history.
     */
    public Map<String, String> configs() {
        return cleanup == Cleanup.COMPACT
                ? Map.of("cleanup.policy", "compact", "min.cleanable.dirty.ratio", "0.1", "segment.ms", "600000")
                : Map.of("cleanup.policy", "delete", "retention.ms", "-1");
    }
}
