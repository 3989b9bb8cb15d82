package dev.vigil.trainer.archive;

import dev.vigil.schemas.Topic;
import dev.vigil.schemas.Topics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.StructType;

/**
 * Structured Streaming micro-batches from {@code transactions} and {@code transaction-labels} into
 * the Parquet history, partitioned by {@code eventDate}. The file sink with a checkpoint is
 * exactly-once: a restart resumes from the checkpointed offsets, and a batch's files count only once
 * committed to the sink's log, so rows are neither lost nor duplicated.
 *
 * <p>Values are decoded by the Apicurio serde from {@code schemas} ({@link TopicRecords#decoded}):
 * it fetches the writer schema by id and resolves it to the generated classes, so records written
 * with an older or newer compatible schema read correctly. A record that cannot be decoded is
 * skipped with its coordinates logged (never its bytes).
 */
public final class Archive {

    private Archive() {}

    /** Starts both archive queries; {@code trigger} e.g. {@code Trigger.AvailableNow()} or a processing time. */
    public static List<StreamingQuery> start(
            SparkSession spark,
            String bootstrapServers,
            String registryUrl,
            Path history,
            Path checkpoints,
            Trigger trigger)
            throws TimeoutException {
        List<StreamingQuery> queries = new ArrayList<>();
        queries.add(archive(
                spark,
                bootstrapServers,
                registryUrl,
                Topics.TRANSACTIONS,
                HistoryRows.TRANSACTION,
                HistoryRows::transactionRow,
                history.resolve("transactions"),
                checkpoints.resolve("transactions"),
                trigger));
        queries.add(archive(
                spark,
                bootstrapServers,
                registryUrl,
                Topics.TRANSACTION_LABELS,
                HistoryRows.LABEL,
                HistoryRows::labelRow,
                history.resolve("labels"),
                checkpoints.resolve("labels"),
                trigger));
        return queries;
    }

    private static <V> StreamingQuery archive(
            SparkSession spark,
            String bootstrapServers,
            String registryUrl,
            Topic<String, V> topic,
            StructType schema,
            SerializableRowMapper<V> toRow,
            Path out,
            Path checkpoint,
            Trigger trigger)
            throws TimeoutException {
        Dataset<Row> records = TopicRecords.stream(spark, bootstrapServers, topic.name(), "earliest")
                .load();
        Dataset<Row> rows = TopicRecords.decoded(records, registryUrl, topic, toRow::apply, Encoders.row(schema));
        return rows.writeStream()
                .queryName("archive-" + topic.name())
                .format("parquet")
                .partitionBy(HistoryRows.EVENT_DATE)
                .option("checkpointLocation", checkpoint.toAbsolutePath().toString())
                .trigger(trigger)
                .start(out.toAbsolutePath().toString());
    }

    /** A record, with the partition and offset it was read at, to a history row; Spark ships it to executors. */
    interface SerializableRowMapper<V> extends java.io.Serializable {
        Row apply(V value, Integer partition, Long offset);
    }
}
