package dev.vigil.trainer;

import dev.vigil.schemas.Topic;
import dev.vigil.schemas.TopicSerdes;
import dev.vigil.schemas.Topics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Structured Streaming micro-batches from {@code transactions} and {@code transaction-labels} into
 * the Parquet history, partitioned by {@code eventDate}. The file sink with a checkpoint is
 * exactly-once: a restart resumes from the checkpointed offsets, and a batch's files count only once
 * committed to the sink's log, so rows are neither lost nor duplicated.
 *
 * <p>Values are decoded by the Apicurio serde from {@code schemas} (magic byte, 8-byte global id,
 * Avro body): it fetches the writer schema by id and resolves it to the generated classes, so records
 * written with an older or newer compatible schema read correctly. A record that cannot be decoded is
 * skipped with its coordinates logged (never its bytes).
 */
final class Archive {

    private static final Logger LOG = LoggerFactory.getLogger(Archive.class);

    private Archive() {
    }

    /** Starts both archive queries; {@code trigger} e.g. {@code Trigger.AvailableNow()} or a processing time. */
    static List<StreamingQuery> start(SparkSession spark, String bootstrapServers, String registryUrl, Path history,
            Path checkpoints, Trigger trigger) throws TimeoutException {
        List<StreamingQuery> queries = new ArrayList<>();
        queries.add(archive(spark, bootstrapServers, registryUrl, Topics.TRANSACTIONS, HistoryRows.TRANSACTION,
                HistoryRows::transactionRow, history.resolve("transactions"), checkpoints.resolve("transactions"), trigger));
        queries.add(archive(spark, bootstrapServers, registryUrl, Topics.TRANSACTION_LABELS, HistoryRows.LABEL,
                HistoryRows::labelRow, history.resolve("labels"), checkpoints.resolve("labels"), trigger));
        return queries;
    }

    private static <V> StreamingQuery archive(SparkSession spark, String bootstrapServers, String registryUrl,
            Topic<String, V> topic, StructType schema, SerializableRowMapper<V> toRow, Path out, Path checkpoint,
            Trigger trigger) throws TimeoutException {
        Dataset<Row> records = spark.readStream().format("kafka")
                .option("kafka.bootstrap.servers", bootstrapServers)
                .option("subscribe", topic.name())
                .option("startingOffsets", "earliest")
                .option("failOnDataLoss", "true")
                .load()
                .select("value", "partition", "offset");
        String topicName = topic.name(); // Topic is not serializable: executors look it up by name
        Dataset<Row> rows = records.mapPartitions((MapPartitionsFunction<Row, Row>) in -> {
            @SuppressWarnings("unchecked")
            Topic<String, V> named = (Topic<String, V>) Topics.ALL.stream()
                    .filter(t -> t.name().equals(topicName)).findFirst().orElseThrow();
            Deserializer<V> values = new TopicSerdes(registryUrl, false).valueSerde(named).deserializer();
            List<Row> decoded = new ArrayList<>();
            while (in.hasNext()) {
                Row record = in.next();
                try {
                    decoded.add(toRow.apply(values.deserialize(topicName, (byte[]) record.get(0))));
                } catch (RuntimeException unreadable) {
                    LOG.warn("skipping unreadable record topic={} partition={} offset={}: {}", topicName,
                            record.get(1), record.get(2), unreadable.toString());
                }
            }
            values.close();
            return decoded.iterator();
        }, Encoders.row(schema));
        return rows.writeStream()
                .queryName("archive-" + topic.name())
                .format("parquet")
                .partitionBy(HistoryRows.EVENT_DATE)
                .option("checkpointLocation", checkpoint.toAbsolutePath().toString())
                .trigger(trigger)
                .start(out.toAbsolutePath().toString());
    }

    /** A record-to-row mapping Spark can ship to executors. */
    interface SerializableRowMapper<V> extends Function<V, Row>, java.io.Serializable {
    }
}
