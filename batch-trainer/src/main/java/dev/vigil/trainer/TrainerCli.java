package dev.vigil.trainer;

import dev.vigil.cli.DurationConverter;
import dev.vigil.trainer.archive.Archive;
import dev.vigil.trainer.archive.ParquetHistory;
import dev.vigil.trainer.bench.Benchmark;
import dev.vigil.trainer.gate.GatePolicy;
import dev.vigil.trainer.risk.RiskClock;
import dev.vigil.trainer.scorestream.ScoreStreamCommand;
import dev.vigil.trainer.scoring.ScoreCommand;
import dev.vigil.trainer.training.Grid;
import dev.vigil.trainer.training.NotEnoughLabels;
import dev.vigil.trainer.training.TrainingConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code batch-trainer archive | merchant-risk | train | run once | every <interval> | score | score-stream | benchmark}: the thin
 * shell that starts a SparkSession ({@code local[*]} unless {@code spark-submit} set a master) and
 * hands the pipelines their sources and sinks. Results go to standard output, Spark's logs to
 * standard error. Exit status: 0 done (published or not), {@value #NOT_TRAINED} too little labelled
 * history to train, 1 failed, 2 bad options.
 */
@Command(
        name = "batch-trainer",
        mixinStandardHelpOptions = true,
        subcommands = {
            TrainerCli.ArchiveCommand.class,
            TrainerCli.MerchantRiskCommand.class,
            TrainerCli.TrainCommand.class,
            TrainerCli.RunCommand.class,
            TrainerCli.EveryCommand.class,
            ScoreCommand.class,
            ScoreStreamCommand.class,
            Benchmark.class
        })
public final class TrainerCli {

    static final int NOT_TRAINED = 3;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line, reporting too little labelled history in one line with its own exit status. */
    static CommandLine commandLine() {
        return new CommandLine(new TrainerCli())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (e instanceof NotEnoughLabels) {
                        cmd.getOut().println("not trained: " + e.getMessage());
                        cmd.getOut().flush();
                        return NOT_TRAINED;
                    }
                    throw e;
                });
    }

    /** The broker and the schema registry, also from the environment. */
    public static final class Kafka {
        @Option(names = "--bootstrap-servers", defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}")
        public String bootstrapServers;

        @Option(
                names = "--registry-url",
                defaultValue = "${env:APICURIO_REGISTRY_URL:-http://127.0.0.1:8081/apis/registry/v3}")
        public String registryUrl;
    }

    /**
     * What a batch run reads and where its results go, and its settings: options only, every value
     * also from the environment. A run of them is a {@link BatchRun}.
     */
    public static final class BatchOptions {
        @Option(
                names = "--history",
                defaultValue = "${env:VIGIL_HISTORY_DIR:-.vigil/data/history}",
                description = "Parquet history: transactions/ and labels/ below it (default: ${DEFAULT-VALUE})")
        Path history;

        @Option(
                names = "--checkpoints",
                defaultValue = "${env:VIGIL_ARCHIVE_CHECKPOINTS:-.vigil/data/archive-checkpoints}",
                description = "the archive's Structured Streaming checkpoints (default: ${DEFAULT-VALUE})")
        Path checkpoints;

        @Mixin
        public Kafka kafka;

        @Option(
                names = "--jdbc-url",
                defaultValue = "${env:VIGIL_TRAINER_JDBC_URL:-jdbc:postgresql://127.0.0.1:15432/vigil}")
        String jdbcUrl;

        @Option(names = "--db-user", defaultValue = "${env:VIGIL_TRAINER_DB_USER:-vigil}")
        String dbUser;

        @Option(names = "--db-password", defaultValue = "${env:VIGIL_TRAINER_DB_PASSWORD:-vigil}")
        String dbPassword;

        @Option(names = "--reports", defaultValue = "${env:VIGIL_REPORTS_DIR:-.vigil/reports}")
        Path reports;
        /** The wall clock: "now" as a reference time, and when risks are computed and models trained; tests fix it. */
        Clock clock = Clock.systemUTC();

        @Option(
                names = "--models",
                defaultValue = "${env:VIGIL_MODELS_DIR:-.vigil/data/models}",
                description = "where each run's best Spark model is saved, to re-score the champion")
        Path models;

        @Option(
                names = "--reference-time",
                defaultValue = "${env:VIGIL_TRAINER_REFERENCE_TIME:-now}",
                converter = ReferenceTimeConverter.class,
                description = "the run's time R (labels known by then; evaluation ends --label-delay before it, the "
                        + "published fit --delay-window before it): now, history-end (just after the newest transaction "
                        + "or label in the history) or an ISO-8601 instant (default: ${DEFAULT-VALUE})")
        ReferenceTime referenceTime;

        @Option(
                names = "--margin",
                defaultValue = "${env:VIGIL_TRAINER_MARGIN:-0.005}",
                description = "average precision a candidate must gain over the champion (default: ${DEFAULT-VALUE})")
        double margin;

        @Option(
                names = "--min-frauds",
                defaultValue = "${env:VIGIL_TRAINER_MIN_FRAUDS:-20}",
                description = "labelled frauds the training and the test window must each hold, or no model is "
                        + "trained (default: ${DEFAULT-VALUE})")
        long minFrauds;

        @Option(
                names = "--min-test-transactions",
                defaultValue = "${env:VIGIL_TRAINER_MIN_TEST_TRANSACTIONS:-1000}",
                description =
                        "transactions the evaluation window must hold for the gate to publish (default: ${DEFAULT-VALUE})")
        long minTestTransactions;

        @Option(
                names = "--min-test-span",
                defaultValue = "${env:VIGIL_TRAINER_MIN_TEST_SPAN:-1d}",
                converter = DurationConverter.class,
                description = "time from the evaluation window's first to its last transaction the gate requires "
                        + "(default: ${DEFAULT-VALUE})")
        Duration minTestSpan;

        @Option(
                names = "--margin-over-rules",
                defaultValue = "${env:VIGIL_TRAINER_MARGIN_OVER_RULES:-0.05}",
                description = "recall a candidate must gain over the rules alone at their alert rate on the evaluation "
                        + "window (default: ${DEFAULT-VALUE})")
        double marginOverRules;

        @Option(
                names = "--alert-budget",
                defaultValue = "${env:VIGIL_SCORER_ALERT_BUDGET:-0.01}",
                description =
                        "the scorer's alert budget, read from its own variable: the review threshold and the rules "
                                + "together alert on at most this share of the evaluation window, and the gate refuses a "
                                + "candidate above it (default: ${DEFAULT-VALUE})")
        double alertBudget;

        @Option(
                names = "--label-delay",
                defaultValue = "${env:VIGIL_TRAINER_LABEL_DELAY:-7d}",
                converter = DurationConverter.class,
                description =
                        "how long labels take to arrive: merchant risk windows and the evaluation window end this "
                                + "long before the reference time (default: ${DEFAULT-VALUE})")
        Duration labelDelay;

        @Option(
                names = "--risk-interval",
                defaultValue = "${env:VIGIL_TRAINER_RISK_INTERVAL:-1d}",
                converter = RiskIntervalConverter.class,
                description = "training folds each transaction with the merchant risk as of the last multiple of this "
                        + "since the epoch (1d: the start of its UTC day); divides a day (default: ${DEFAULT-VALUE})")
        Duration riskInterval;

        /** The former whole-days form of {@code --label-delay}, kept for existing scripts; wins when given. */
        @Option(names = "--label-delay-days", description = "the same as --label-delay <days>d")
        Integer labelDelayDays;

        @Option(
                names = "--train-window",
                defaultValue = "${env:VIGIL_TRAINER_TRAIN_WINDOW:-21d}",
                converter = DurationConverter.class,
                description = "training window (default: ${DEFAULT-VALUE})")
        Duration trainWindow;

        @Option(
                names = "--delay-window",
                defaultValue = "${env:VIGIL_TRAINER_DELAY_WINDOW:-7d}",
                converter = DurationConverter.class,
                description =
                        "gap between training and test windows, how long fraud takes to be reported (default: ${DEFAULT-VALUE})")
        Duration delayWindow;

        @Option(
                names = "--test-window",
                defaultValue = "${env:VIGIL_TRAINER_TEST_WINDOW:-7d}",
                converter = DurationConverter.class,
                description =
                        "evaluation window, ending --label-delay before the reference time (default: ${DEFAULT-VALUE})")
        Duration testWindow;

        @Option(
                names = "--genuine-sample",
                defaultValue = "${env:VIGIL_TRAINER_GENUINE_SAMPLE:-1}",
                description = "share of the training windows' genuine transactions the candidates are fitted on, every "
                        + "labelled fraud kept; evaluation scores every transaction (default: ${DEFAULT-VALUE})")
        double genuineSample;

        @Option(
                names = "--grid",
                defaultValue = "${env:VIGIL_TRAINER_GRID}",
                converter = GridConverter.class,
                description = "learners and hyper-parameters model selection tries, e.g. 'lr:reg=0.0001|0.01;"
                        + "rf:trees=100,depth=8|12,bins=64;gbt:rounds=100,depth=4|6,step=0.1' (default: " + Grid.DEFAULT
                        + ")")
        Grid grid;

        @Option(
                names = "--folds",
                defaultValue = "${env:VIGIL_TRAINER_FOLDS:-3}",
                description = "time-ordered folds each setting is validated on: the evaluation window and the test "
                        + "windows before it (default: ${DEFAULT-VALUE})")
        int folds;

        @Option(
                names = "--dedup-retention",
                defaultValue = "${env:VIGIL_SCORER_DEDUP_RETENTION:-P1D}",
                converter = DurationConverter.class,
                description = "the scorer's dedup retention, read from its own variable: a transaction id seen again "
                        + "within it (stream time) is not folded again (default: ${DEFAULT-VALUE})")
        Duration dedupRetention;

        Duration labelDelay() {
            return labelDelayDays == null ? labelDelay : Duration.ofDays(labelDelayDays);
        }

        RiskClock riskClock() {
            return RiskClock.of(labelDelay(), riskInterval);
        }

        public TrainingConfig trainingConfig() {
            return TrainingConfig.defaults()
                    .withWindows(trainWindow, delayWindow, testWindow)
                    .withSelection(grid == null ? Grid.parse(Grid.DEFAULT) : grid, folds, genuineSample)
                    .withMinFrauds(minFrauds)
                    .withMerchantRisk(riskClock())
                    .withDedupRetention(dedupRetention)
                    .withReviewShare(alertBudget);
        }

        GatePolicy gatePolicy() {
            return new GatePolicy(minTestTransactions, minFrauds, minTestSpan, marginOverRules, alertBudget);
        }

        public ParquetHistory parquetHistory() {
            return new ParquetHistory(history);
        }
    }

    @Command(name = "archive", description = "Archive transactions and labels from Kafka to the Parquet history.")
    static final class ArchiveCommand implements Callable<Integer> {
        @Mixin
        BatchOptions options;

        @Option(names = "--once", description = "archive what is on the topics now, then stop")
        boolean once;

        @Option(
                names = "--every",
                defaultValue = "1m",
                converter = DurationConverter.class,
                description = "micro-batch interval when running continuously (default: ${DEFAULT-VALUE})")
        Duration every;

        @Override
        public Integer call() throws Exception {
            try (SparkSession spark = SparkSessions.create("vigil-archive")) {
                if (once) {
                    BatchRun.archive(spark, options);
                    return 0;
                }
                for (StreamingQuery query : Archive.start(
                        spark,
                        options.kafka.bootstrapServers,
                        options.kafka.registryUrl,
                        options.history,
                        options.checkpoints,
                        Trigger.ProcessingTime(every.toMillis()))) {
                    query.awaitTermination();
                }
            }
            return 0;
        }
    }

    @Command(
            name = "merchant-risk",
            description = "Compute merchant risk from the history and publish it " + "(with --archive: archive first).")
    static final class MerchantRiskCommand implements Callable<Integer> {
        @Option(names = "--archive", description = "first archive what is on the topics now (as archive --once)")
        boolean archive;

        @Mixin
        BatchOptions options;

        @Override
        public Integer call() throws Exception {
            try (SparkSession spark = SparkSessions.create("vigil-merchant-risk")) {
                if (archive) {
                    BatchRun.archive(spark, options);
                }
                new BatchRun(spark, options).merchantRisk();
            }
            return 0;
        }
    }

    @Command(name = "train", description = "Train, evaluate, gate and maybe publish a model; write a report.")
    static final class TrainCommand implements Callable<Integer> {
        @Mixin
        BatchOptions options;

        @Override
        public Integer call() throws Exception {
            try (SparkSession spark = SparkSessions.create("vigil-train")) {
                new BatchRun(spark, options).train();
            }
            return 0;
        }
    }

    @Command(name = "run", description = "run once: merchant risk, then training (with --archive: archive first).")
    static final class RunCommand implements Callable<Integer> {
        @Parameters(index = "0", description = "once")
        String once;

        @Option(names = "--archive", description = "first archive what is on the topics now (as archive --once)")
        boolean archive;

        @Mixin
        BatchOptions options;

        @Override
        public Integer call() throws Exception {
            if (!"once".equals(once)) {
                throw new CommandLine.ParameterException(new CommandLine(this), "expected: run once");
            }
            try (SparkSession spark = SparkSessions.create("vigil-batch")) {
                if (archive) {
                    BatchRun.archive(spark, options);
                }
                // one run, one reference time: merchant risk and training as of the same instant
                new BatchRun(spark, options).all();
            }
            return 0;
        }
    }

    @Command(name = "every", description = "Merchant risk then training, every <interval> (6h, 30m, PT6H).")
    static final class EveryCommand implements Callable<Integer> {
        @Parameters(index = "0", converter = DurationConverter.class)
        Duration interval;

        @Mixin
        BatchOptions options;

        @Override
        public Integer call() throws Exception {
            try (SparkSession spark = SparkSessions.create("vigil-batch")) {
                while (!Thread.currentThread().isInterrupted()) {
                    long started = System.nanoTime();
                    try {
                        // a new run each time, so "now" and the history's end move on
                        new BatchRun(spark, options).all();
                    } catch (NotEnoughLabels young) {
                        System.out.println("not trained: " + young.getMessage());
                    } catch (RuntimeException e) {
                        // one failed run must not stop the schedule
                        System.err.println("run failed: " + e);
                    }
                    long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
                    Thread.sleep(Math.max(0, interval.toMillis() - elapsedMillis));
                }
            }
            return 0;
        }
    }

    /** {@code now}, {@code history-end}, or a fixed instant: resolved once when a run starts, so a schedule moves on. */
    record ReferenceTime(Instant fixed, boolean historyEnd) {
        static final ReferenceTime NOW = new ReferenceTime(null, false);

        Instant resolve(Supplier<Optional<Instant>> endOfHistory, Clock clock) {
            if (fixed != null) {
                return fixed;
            }
            return historyEnd ? endOfHistory.get().orElseGet(clock::instant) : clock.instant();
        }
    }

    static final class ReferenceTimeConverter implements CommandLine.ITypeConverter<ReferenceTime> {
        @Override
        public ReferenceTime convert(String text) {
            return switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "now" -> ReferenceTime.NOW;
                case "history-end" -> new ReferenceTime(null, true);
                default -> {
                    try {
                        yield new ReferenceTime(Instant.parse(text.trim()), false);
                    } catch (DateTimeParseException e) {
                        throw new CommandLine.TypeConversionException(
                                "not now, history-end or an ISO-8601 instant: " + text);
                    }
                }
            };
        }
    }

    /** An interval ({@link DurationConverter}) that a {@link RiskClock} can step by. */
    static final class RiskIntervalConverter extends DurationConverter {
        @Override
        public Duration convert(String text) {
            Duration interval = super.convert(text);
            try {
                RiskClock.of(Duration.ZERO, interval);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
            return interval;
        }
    }

    /** A model-selection grid ({@link Grid#parse}), its errors as picocli's. */
    static class GridConverter implements CommandLine.ITypeConverter<Grid> {
        @Override
        public Grid convert(String text) {
            try {
                return Grid.parse(text);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
