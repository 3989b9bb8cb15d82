package dev.vigil.trainer.archive;

import dev.vigil.schemas.Topic;
import dev.vigil.schemas.TopicSerdes;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamReader;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka records to and from a topic's typed values, through the Apicurio serde from {@code schemas}
 * ({@link TopicSerdes}: magic byte, 8-byte global id, Avro body resolved from the writer schema
 * fetched by id to the generated classes).
 *
 * <p>Each JVM (the driver, every executor) builds one serde per registry and topic and shares it
 * between its tasks for its lifetime, as the scorer shares one between its stream threads: building
 * one starts a registry client and looks the schema up over HTTP, which per partition of every
 * micro-batch cost seconds per batch.
 */
public final class TopicRecords {

    /** What Spark's Kafka sink writes: a string key and the encoded value. */
    static final StructType KAFKA_RECORD =
            new StructType().add("key", DataTypes.StringType, false).add("value", DataTypes.BinaryType, false);

    private static final Logger LOG = LoggerFactory.getLogger(TopicRecords.class);

    private static final Map<List<Object>, Serde<?>> SERDES = new ConcurrentHashMap<>();

    private TopicRecords() {}

    /** This JVM's serde of the topic's values (registering a new schema when {@code writes}). */
    @SuppressWarnings("unchecked")
    private static <V> Serde<V> serde(String registryUrl, Topic<String, V> topic, boolean writes) {
        return (Serde<V>) SERDES.computeIfAbsent(
                List.of(registryUrl, topic.name(), writes),
                key -> new TopicSerdes(registryUrl, writes).valueSerde(topic));
    }

    /**
     * A Structured Streaming Kafka source on one topic, from {@code startingOffsets} ({@code earliest}
     * or {@code latest}) when no checkpoint says otherwise; offsets lost to retention fail the query.
     */
    public static DataStreamReader stream(
            SparkSession spark, String bootstrapServers, String topic, String startingOffsets) {
        return spark.readStream()
                .format("kafka")
                .option("kafka.bootstrap.servers", bootstrapServers)
                .option("subscribe", topic)
                .option("startingOffsets", startingOffsets)
                .option("failOnDataLoss", "true");
    }

    /**
     * A compacted topic as a table: the latest accepted value per key, read from the beginning to
     * the end it has now. A tombstone removes its key; a value that cannot be decoded, or that
     * {@code accept} refuses, is logged and leaves the key's previous value in force.
     */
    public static <V> Map<String, V> latest(
            SparkSession spark,
            String bootstrapServers,
            String registryUrl,
            Topic<String, V> topic,
            BiPredicate<String, V> accept) {
        List<Row> records = spark.read()
                .format("kafka")
                .option("kafka.bootstrap.servers", bootstrapServers)
                .option("subscribe", topic.name())
                .option("startingOffsets", "earliest")
                .option("endingOffsets", "latest")
                .load()
                .selectExpr("CAST(key AS STRING) AS key", "value", "partition", "offset")
                .orderBy("partition", "offset")
                .collectAsList();
        Map<String, V> table = new LinkedHashMap<>();
        try (Deserializer<V> values =
                new TopicSerdes(registryUrl, false).valueSerde(topic).deserializer()) {
            for (Row record : records) {
                String key = record.getString(0);
                if (key == null) {
                    continue;
                }
                if (record.get(1) == null) {
                    table.remove(key);
                    continue;
                }
                try {
                    V value = values.deserialize(topic.name(), (byte[]) record.get(1));
                    if (accept.test(key, value)) {
                        table.put(key, value);
                    } else {
                        LOG.warn("refused record topic={} key={} offset={}", topic.name(), key, record.get(3));
                    }
                } catch (RuntimeException unreadable) {
                    LOG.warn(
                            "skipping unreadable record topic={} partition={} offset={}: {}",
                            topic.name(),
                            record.get(2),
                            record.get(3),
                            unreadable.toString());
                }
            }
        }
        return table;
    }

    /** A decoded value and where it was read from, to what the job ships on. */
    public interface Reader<V, T> extends Serializable {
        T read(V value, int partition, long offset);
    }

    /** The key a value is written under. */
    public interface Key<V> extends Serializable {
        String of(V value);
    }

    /**
     * The values of Kafka source rows ({@code value}, {@code partition}, {@code offset} columns).
     * A record that cannot be decoded is skipped with its topic, partition and offset logged
     * (never its bytes), so one bad record does not stop the stream.
     */
    public static <V, T> Dataset<T> decoded(
            Dataset<Row> records, String registryUrl, Topic<String, V> topic, Reader<V, T> reader, Encoder<T> encoder) {
        return records.select("value", "partition", "offset")
                .mapPartitions(
                        (MapPartitionsFunction<Row, T>) in -> {
                            Deserializer<V> values =
                                    serde(registryUrl, topic, false).deserializer();
                            List<T> decoded = new ArrayList<>();
                            while (in.hasNext()) {
                                Row record = in.next();
                                try {
                                    V value = values.deserialize(topic.name(), (byte[]) record.get(0));
                                    decoded.add(reader.read(value, record.getInt(1), record.getLong(2)));
                                } catch (RuntimeException unreadable) {
                                    LOG.warn(
                                            "skipping unreadable record topic={} partition={} offset={}: {}",
                                            topic.name(),
                                            record.get(1),
                                            record.get(2),
                                            unreadable.toString());
                                }
                            }
                            return decoded.iterator();
                        },
                        encoder);
    }

    /** {@code (key, value)} rows for Spark's Kafka sink; the value's schema is registered if new. */
    public static <V> Dataset<Row> encoded(Dataset<V> values, String registryUrl, Topic<String, V> topic, Key<V> key) {
        return values.mapPartitions(
                (MapPartitionsFunction<V, Row>) in -> {
                    Serializer<V> serializer = serde(registryUrl, topic, true).serializer();
                    List<Row> encoded = new ArrayList<>();
                    while (in.hasNext()) {
                        V value = in.next();
                        encoded.add(RowFactory.create(key.of(value), serializer.serialize(topic.name(), value)));
                    }
                    return encoded.iterator();
                },
                Encoders.row(KAFKA_RECORD));
    }
}
