package dev.vigil.trainer.scorestream;

import dev.vigil.events.Transaction;
import dev.vigil.events.TransactionScore;
import dev.vigil.schemas.Topic;
import dev.vigil.schemas.Topics;
import dev.vigil.trainer.archive.TopicRecords;
import dev.vigil.trainer.scoring.ScoringTables;
import dev.vigil.trainer.training.TrainingConfig;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamReader;
import org.apache.spark.sql.streaming.GroupStateTimeout;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import scala.Tuple2;

/**
 * The Kafka Streams scorer's per-card scoring as a Spark Structured Streaming job, to compare the
 * two engines on the same input (docs/benchmarks.md):
 *
 * <pre>
 * transactions ─▶ decode (Apicurio serde) ─▶ watermark (event time − idle expiry) ─▶ group by card token
 *              ─▶ flatMapGroupsWithState(CardScoring, event-time timeout) ─▶ TransactionScore (Avro) ─▶ transaction-scores-spark
 *                   state: the card's profile (CardProfileCodec bytes) and its recent transaction ids
 *                   reads: models and merchant risk followed from their compacted topics (LiveTables)
 * </pre>
 *
 * The per-record work is the scorer's: dedup of a retried id, profile and features, rules and model,
 * idle-profile expiry in event time, models and merchant risk swapped while running. Spark's Kafka
 * sink is at-least-once: after a crash, the last micro-batch's scores may be written again.
 */
public final class ScoreStream {

    static final String DEFAULT_OUTPUT = "transaction-scores-spark";
    /** The scorer's {@code vigil.scorer.profile-idle-expiry} (pinned by ScorerDefaultsTest). */
    public static final Duration SCORER_PROFILE_IDLE_EXPIRY = Duration.ofDays(90);

    private ScoreStream() {}

    /**
     * @param maxOffsetsPerTrigger at most this many records per micro-batch, or 0 for no limit
     * @param withoutState         {@link #scoresWithoutState} instead of {@link #scores}
     */
    record Settings(
            String bootstrapServers,
            String registryUrl,
            String inputTopic,
            String startingOffsets,
            long maxOffsetsPerTrigger,
            String outputTopic,
            Path checkpoint,
            Trigger trigger,
            boolean withoutState) {

        Topic<String, Transaction> input() {
            return Topics.TRANSACTIONS.named(inputTopic);
        }

        Topic<String, TransactionScore> output() {
            return Topics.TRANSACTION_SCORES.named(outputTopic);
        }
    }

    /**
     * Kafka source rows to {@code (card token, TransactionScore bytes)} rows for the Kafka sink. The
     * watermark (the input's latest event time less the scorer's idle-profile expiry) drives the
     * idle-profile timeout ({@link CardScoring}); Spark drops a record older than it as late.
     */
    static Dataset<Row> scores(
            Dataset<Row> records,
            String registryUrl,
            Topic<String, Transaction> input,
            Topic<String, TransactionScore> output,
            ScoringTables tables,
            Clock clock) {
        Dataset<Tuple2<Timestamp, CardScoring.Arrival>> arrivals = TopicRecords.decoded(
                records,
                registryUrl,
                input,
                (tx, partition, offset) ->
                        new Tuple2<>(Timestamp.from(tx.getEventTime()), new CardScoring.Arrival(partition, offset, tx)),
                Encoders.tuple(Encoders.TIMESTAMP(), Encoders.javaSerialization(CardScoring.Arrival.class)));
        Dataset<TransactionScore> scores = arrivals.withWatermark(
                        "_1", SCORER_PROFILE_IDLE_EXPIRY.toMillis() + " milliseconds")
                .groupByKey(
                        (MapFunction<Tuple2<Timestamp, CardScoring.Arrival>, String>)
                                timed -> timed._2().card(),
                        Encoders.STRING())
                .flatMapGroupsWithState(
                        new CardScoring(
                                tables, clock, TrainingConfig.SCORER_DEDUP_RETENTION, SCORER_PROFILE_IDLE_EXPIRY),
                        OutputMode.Append(),
                        Encoders.javaSerialization(CardScoring.State.class),
                        Encoders.javaSerialization(TransactionScore.class),
                        GroupStateTimeout.EventTimeTimeout());
        return TopicRecords.encoded(scores, registryUrl, output, TransactionScore::getCardToken);
    }

    /**
     * Kafka source rows to scores without per-card state ({@link CardScoring#scoreAsFirst}): what
     * Spark's continuous processing can run of this job, which has no stateful operator.
     */
    static Dataset<Row> scoresWithoutState(
            Dataset<Row> records,
            String registryUrl,
            Topic<String, Transaction> input,
            Topic<String, TransactionScore> output,
            ScoringTables tables,
            Clock clock) {
        CardScoring scoring =
                new CardScoring(tables, clock, TrainingConfig.SCORER_DEDUP_RETENTION, SCORER_PROFILE_IDLE_EXPIRY);
        Dataset<TransactionScore> scores = TopicRecords.decoded(
                        records,
                        registryUrl,
                        input,
                        (tx, partition, offset) -> tx,
                        Encoders.javaSerialization(Transaction.class))
                .mapPartitions(
                        (MapPartitionsFunction<Transaction, TransactionScore>) scoring::scoreAsFirst,
                        Encoders.javaSerialization(TransactionScore.class));
        return TopicRecords.encoded(scores, registryUrl, output, TransactionScore::getCardToken);
    }

    /**
     * Starts the query. The output topic is created first if missing, with {@code transaction-scores}'
     * partitions.
     */
    static StreamingQuery start(SparkSession spark, Settings settings, ScoringTables tables, Clock clock)
            throws TimeoutException {
        createIfMissing(settings.bootstrapServers(), settings.output());
        DataStreamReader source = TopicRecords.stream(
                spark, settings.bootstrapServers(), settings.inputTopic(), settings.startingOffsets());
        Optional.of(settings.maxOffsetsPerTrigger())
                .filter(max -> max > 0)
                .ifPresent(max -> source.option("maxOffsetsPerTrigger", max));
        Dataset<Row> scores = settings.withoutState()
                ? scoresWithoutState(
                        source.load(), settings.registryUrl(), settings.input(), settings.output(), tables, clock)
                : scores(source.load(), settings.registryUrl(), settings.input(), settings.output(), tables, clock);
        return scores.writeStream()
                .queryName("score-stream")
                .format("kafka")
                .option("kafka.bootstrap.servers", settings.bootstrapServers())
                .option("topic", settings.outputTopic())
                .option(
                        "checkpointLocation",
                        settings.checkpoint().toAbsolutePath().toString())
                .outputMode(OutputMode.Append())
                .trigger(settings.trigger())
                .start();
    }

    /** Creates the topic with its partitions and configs, and the broker's default replication; an existing one is left alone. */
    static void createIfMissing(String bootstrapServers, Topic<?, ?> topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic.name(), Optional.of(topic.partitions()), Optional.empty())
                            .configs(topic.configs())))
                    .all()
                    .get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + topic.name(), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating topic " + topic.name(), e);
        }
    }
}
