package dev.vigil.trainer.scorestream;

import dev.vigil.cli.DurationConverter;
import dev.vigil.schemas.Topics;
import dev.vigil.trainer.SparkSessions;
import dev.vigil.trainer.TrainerCli;
import dev.vigil.trainer.scoring.ScoringTables;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.sql.streaming.Trigger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code score-stream}: the scorer's per-card scoring as a Structured Streaming job ({@link ScoreStream}),
 * running until stopped. Prints one line when it starts and one per micro-batch (its rows, duration
 * and the rows read since start, which the benchmark reads to know when a topic is drained), on
 * standard output.
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

    @Option(
            names = "--continuous",
            description = "Spark's continuous processing, checkpointing every --trigger: "
                    + "it runs no stateful operator, so with per-card state the query fails to start and says why")
    boolean continuous;

    @Option(
            names = "--without-state",
            description =
                    "score each transaction as its card's first, with no per-card "
                            + "state: the part of the job --continuous can run, for that engine's latency only (not the scorer's scores)")
    boolean withoutState;

    @Override
    public Integer call() throws Exception {
        if (outputTopic.equals(Topics.TRANSACTION_SCORES.name())) {
            throw new CommandLine.ParameterException(
                    new CommandLine(this), "--output-topic must not be the scorer's own " + outputTopic);
        }
        try (SparkSession spark = SparkSessions.create("vigil-score-stream", STATE_STORE)) {
            ScoringTables tables = new LiveTables(kafka.bootstrapServers, kafka.registryUrl);
            spark.streams().addListener(new BatchLines());
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
                            continuous
                                    ? Trigger.Continuous(trigger.toMillis())
                                    : Trigger.ProcessingTime(trigger.toMillis()),
                            withoutState),
                    tables,
                    Clock.systemUTC());
            System.out.printf(
                    Locale.ROOT,
                    "score-stream: %s -> %s, trigger %d ms%s, %s, checkpoint %s%n",
                    inputTopic,
                    outputTopic,
                    trigger.toMillis(),
                    (continuous ? " (continuous)" : "") + (withoutState ? " without state" : ""),
                    tables.describe(),
                    checkpoint);
            System.out.flush();
            query.awaitTermination();
        }
        return 0;
    }

    /** One line per micro-batch, with the rows read since this process started. */
    private static final class BatchLines extends StreamingQueryListener {

        private static final long serialVersionUID = 1L;

        private final AtomicLong rows = new AtomicLong();

        @Override
        public void onQueryProgress(QueryProgressEvent event) {
            StreamingQueryProgress last = event.progress();
            System.out.printf(
                    Locale.ROOT,
                    "score-stream: batch %d, %d rows in %d ms, %d rows since start, %s%n",
                    last.batchId(),
                    last.numInputRows(),
                    last.batchDuration(),
                    rows.addAndGet(last.numInputRows()),
                    last.durationMs());
            System.out.flush();
        }

        @Override
        public void onQueryStarted(QueryStartedEvent event) {}

        @Override
        public void onQueryIdle(QueryIdleEvent event) {}

        @Override
        public void onQueryTerminated(QueryTerminatedEvent event) {}
    }
}
