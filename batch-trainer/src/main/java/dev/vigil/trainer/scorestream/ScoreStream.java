package dev.vigil.trainer.scorestream;

import dev.vigil.events.MerchantRisk;
import dev.vigil.events.ModelBundle;
import dev.vigil.events.Transaction;
import dev.vigil.events.TransactionScore;
import dev.vigil.schemas.Topic;
import dev.vigil.schemas.Topics;
import dev.vigil.trainer.archive.TopicRecords;
import dev.vigil.trainer.scoring.ScoringContext;
import java.nio.file.Path;
import java.time.Clock;
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
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamReader;
import org.apache.spark.sql.streaming.GroupStateTimeout;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

/**
 * The Kafka Streams scorer's per-card scoring as a Spark Structured Streaming job, to compare the
 * two engines on the same input (docs/benchmarks.md):
 *
 * <pre>
 * transactions ─▶ decode (Apicurio serde) ─▶ group by card token ─▶ flatMapGroupsWithState(CardScoring)
 *              ─▶ TransactionScore (Avro) ─▶ transaction-scores-spark
 *                                             state: the card's profile (CardProfileCodec bytes)
 * </pre>
 *
 * Models and merchant risk are read once from their compacted topics when the job starts. Spark's
 * Kafka sink is at-least-once: after a crash, the last micro-batch's scores may be written again.
 */
final class ScoreStream {

    static final String DEFAULT_OUTPUT = "transaction-scores-spark";

    private ScoreStream() {}

    /**
     * @param maxOffsetsPerTrigger at most this many records per micro-batch, or 0 for no limit
     */
    record Settings(
            String bootstrapServers,
            String registryUrl,
            String inputTopic,
            String startingOffsets,
            long maxOffsetsPerTrigger,
            String outputTopic,
            Path checkpoint,
            Trigger trigger) {

        Topic<String, Transaction> input() {
            return Topics.TRANSACTIONS.named(inputTopic);
        }

        Topic<String, TransactionScore> output() {
            return Topics.TRANSACTION_SCORES.named(outputTopic);
        }
    }

    /** Kafka source rows to {@code (card token, TransactionScore bytes)} rows for the Kafka sink. */
    static Dataset<Row> scores(
            Dataset<Row> records,
            String registryUrl,
            Topic<String, Transaction> input,
            Topic<String, TransactionScore> output,
            ScoringContext context,
            Clock clock) {
        Dataset<CardScoring.Arrival> arrivals = TopicRecords.decoded(
                records,
                registryUrl,
                input,
                (tx, partition, offset) -> new CardScoring.Arrival(partition, offset, tx),
                Encoders.javaSerialization(CardScoring.Arrival.class));
        Dataset<TransactionScore> scores = arrivals.groupByKey(
                        (MapFunction<CardScoring.Arrival, String>) CardScoring.Arrival::card, Encoders.STRING())
                .flatMapGroupsWithState(
                        new CardScoring(context, clock),
                        OutputMode.Append(),
                        Encoders.BINARY(),
                        Encoders.javaSerialization(TransactionScore.class),
                        GroupStateTimeout.NoTimeout());
        return TopicRecords.encoded(scores, registryUrl, output, TransactionScore::getCardToken);
    }

    /** The models and merchant risk in force now, as the scorer would load them from their topics. */
    static ScoringContext context(SparkSession spark, String bootstrapServers, String registryUrl) {
        Map<String, ModelBundle> models =
                TopicRecords.latest(spark, bootstrapServers, registryUrl, Topics.FRAUD_MODELS, ScoringContext::accepts);
        Map<String, MerchantRisk> risks =
                TopicRecords.latest(spark, bootstrapServers, registryUrl, Topics.MERCHANT_RISK, (key, risk) -> true);
        return new ScoringContext(models, risks);
    }

    /**
     * Starts the query. The output topic is created first if missing, with {@code transaction-scores}'
     * partitions.
     */
    static StreamingQuery start(SparkSession spark, Settings settings, ScoringContext context, Clock clock)
            throws TimeoutException {
        createIfMissing(settings.bootstrapServers(), settings.output());
        DataStreamReader source = TopicRecords.stream(
                spark, settings.bootstrapServers(), settings.inputTopic(), settings.startingOffsets());
        Optional.of(settings.maxOffsetsPerTrigger())
                .filter(max -> max > 0)
                .ifPresent(max -> source.option("maxOffsetsPerTrigger", max));
        return scores(source.load(), settings.registryUrl(), settings.input(), settings.output(), context, clock)
                .writeStream()
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
