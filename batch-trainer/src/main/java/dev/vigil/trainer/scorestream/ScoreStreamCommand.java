package dev.vigil.trainer.scorestream;

import dev.vigil.cli.DurationConverter;
import dev.vigil.schemas.Topics;
import dev.vigil.trainer.SparkSessions;
import dev.vigil.trainer.TrainerCli;
import dev.vigil.trainer.scoring.ScoringContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.sql.streaming.Trigger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code score-stream}: the scorer's per-card scoring as a Structured Streaming job ({@link ScoreStream}),
 * running until stopped. Prints one line when it starts and the last micro-batch's progress every
 * {@code --report-every}, on standard output.
 */
@Command(
        name = "score-stream",
        description = "Score transactions per card with Spark Structured Streaming "
                + "(the Kafka Streams scorer's scoring, for the engine comparison), to its own topic.")
public final class ScoreStreamCommand implements Callable<Integer> {

    /**
     * Per-card state in RocksDB with a changelog checkpointed each micro-batch, as the Kafka Streams
     * scorer keeps its profiles (Spark's default keeps every partition's state in JVM memory and
     * writes delta files); about a second less per micro-batch on the 2-core benchmark machine.
     */
    static final Map<String, String> STATE_STORE = Map.of(
            "spark.sql.streaming.stateStore.providerClass",
            "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider",
            "spark.sql.streaming.stateStore.rocksdb.changelogCheckpointing.enabled",
            "true");

    @Mixin
    TrainerCli.Kafka kafka;

    @Option(
            names = "--trigger",
            defaultValue = "1s",
            converter = DurationConverter.class,
            description =
                    "micro-batch trigger interval; 0 starts the next batch as soon as one ends (default: ${DEFAULT-VALUE})")
    Duration trigger;

    @Option(
            names = "--checkpoint",
            defaultValue = "${env:VIGIL_SCORE_STREAM_CHECKPOINT:-.vigil/data/score-stream-checkpoint}",
            description = "Structured Streaming checkpoint: offsets and per-card state (default: ${DEFAULT-VALUE})")
    Path checkpoint;

    @Option(names = "--input-topic", defaultValue = "transactions")
    String inputTopic;

    @Option(
            names = "--output-topic",
            defaultValue = ScoreStream.DEFAULT_OUTPUT,
            description = "never the scorer's transaction-scores (default: ${DEFAULT-VALUE})")
    String outputTopic;

    @Option(
            names = "--starting-offsets",
            defaultValue = "earliest",
            description = "earliest or latest, when the checkpoint is new (default: ${DEFAULT-VALUE})")
    String startingOffsets;

    @Option(names = "--max-offsets-per-trigger", defaultValue = "0", description = "0: no limit (default)")
    long maxOffsetsPerTrigger;

    @Option(names = "--report-every", defaultValue = "10s", converter = DurationConverter.class)
    Duration reportEvery;

    @Override
    public Integer call() throws Exception {
        if (outputTopic.equals(Topics.TRANSACTION_SCORES.name())) {
            throw new CommandLine.ParameterException(
                    new CommandLine(this), "--output-topic must not be the scorer's own " + outputTopic);
        }
        try (SparkSession spark = SparkSessions.create("vigil-score-stream", STATE_STORE)) {
            ScoringContext context = ScoreStream.context(spark, kafka.bootstrapServers, kafka.registryUrl);
            StreamingQuery query = ScoreStream.start(
                    spark,
                    new ScoreStream.Settings(
                            kafka.bootstrapServers,
                            kafka.registryUrl,
                            inputTopic,
                            startingOffsets,
                            maxOffsetsPerTrigger,
                            outputTopic,
                            checkpoint,
                            Trigger.ProcessingTime(trigger.toMillis())),
                    context,
                    Clock.systemUTC());
            System.out.printf(
                    Locale.ROOT,
                    "score-stream: %s -> %s, trigger %d ms, %s, checkpoint %s%n",
                    inputTopic,
                    outputTopic,
                    trigger.toMillis(),
                    context.describe(),
                    checkpoint);
            System.out.flush();
            while (!query.awaitTermination(reportEvery.toMillis())) {
                StreamingQueryProgress last = query.lastProgress();
                if (last != null) {
                    System.out.printf(
                            Locale.ROOT,
                            "score-stream: batch %d, %d rows in %d ms, %.0f rows/s processed %s%n",
                            last.batchId(),
                            last.numInputRows(),
                            last.batchDuration(),
                            last.processedRowsPerSecond(),
                            last.durationMs());
                    System.out.flush();
                }
            }
        }
        return 0;
    }
}
