package dev.vigil.trainer;

import dev.vigil.events.MerchantRisk;
import dev.vigil.events.ModelBundle;
import dev.vigil.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code batch-trainer archive | merchant-risk | train | run once | every <interval> | benchmark}: the thin
 * shell that starts a SparkSession ({@code local[*]} unless {@code spark-submit} set a master) and
 * hands the pipelines their sources and sinks.
 */
@Command(name = "batch-trainer", mixinStandardHelpOptions = true,
        subcommands = {TrainerCli.ArchiveCommand.class, TrainerCli.MerchantRiskCommand.class, TrainerCli.TrainCommand.class, TrainerCli.RunCommand.class,
            TrainerCli.EveryCommand.class, TrainerCli.BenchmarkCommand.class})
public final class TrainerCli {

    public static void main(String[] args) {
        System.exit(new CommandLine(new TrainerCli()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    /** Where the history is and where results go; every value also from the environment. */
    static final class Endpoints {
        @Option(names = "--history", defaultValue = "${env:VIGIL_HISTORY_DIR:-.vigil/data/history}",
                description = "Parquet history: transactions/ and labels/ below it (default: ${DEFAULT-VALUE})")
        Path history;
        @Option(names = "--bootstrap-servers", defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}")
        String bootstrapServers;
        @Option(names = "--registry-url",
                defaultValue = "${env:APICURIO_REGISTRY_URL:-http://127.0.0.1:8081/apis/registry/v3}")
        String registryUrl;
        @Option(names = "--jdbc-url", defaultValue = "${env:VIGIL_TRAINER_JDBC_URL:-jdbc:postgresql://127.0.0.1:15432/vigil}")
        String jdbcUrl;
        @Option(names = "--db-user", defaultValue = "${env:VIGIL_TRAINER_DB_USER:-vigil}")
        String dbUser;
        @Option(names = "--db-password", defaultValue = "${env:VIGIL_TRAINER_DB_PASSWORD:-vigil}")
        String dbPassword;
        @Option(names = "--reports", defaultValue = "${env:VIGIL_REPORTS_DIR:-.vigil/reports}")
        Path reports;
        @Option(names = "--models", defaultValue = "${env:VIGIL_MODELS_DIR:-.vigil/data/models}",
                description = "where each run's best Spark model is saved, to re-score the champion")
        Path models;
        @Option(names = "--reference-time", description = "end of the test window (default: now)")
        Instant referenceTime;
        @Option(names = "--margin", defaultValue = "0.005",
                description = "average precision a candidate must gain over the champion (default: ${DEFAULT-VALUE})")
        double margin;
        @Option(names = "--label-delay-days", defaultValue = "7")
        int labelDelayDays;
        @Option(names = "--train-days", defaultValue = "21")
        int trainDays;
        @Option(names = "--delay-days", defaultValue = "7")
        int delayDays;
        @Option(names = "--test-days", defaultValue = "7")
        int testDays;

        Instant reference() {
            return referenceTime != null ? referenceTime : Instant.now();
        }

        Dataset<Row> transactions(SparkSession spark) {
            return spark.read().schema(HistoryRows.TRANSACTION).parquet(history.resolve("transactions").toString());
        }

        Dataset<Row> labels(SparkSession spark) {
            return spark.read().schema(HistoryRows.LABEL).parquet(history.resolve("labels").toString());
        }

        void merchantRisk(SparkSession spark) {
            List<MerchantRisk> risks = MerchantRisks.compute(transactions(spark), labels(spark), reference(),
                    labelDelayDays, Instant.now());
            try (Publisher<String, MerchantRisk> publisher = new Publisher<>(Topics.MERCHANT_RISK, bootstrapServers,
                    registryUrl)) {
                MerchantRisks.publish(risks, publisher);
            }
            System.out.printf(Locale.ROOT, "merchant-risk: published %d records%n", risks.size());
        }

        void train(SparkSession spark) throws Exception {
            TrainingConfig config = TrainingConfig.defaults().withWindows(Duration.ofDays(trainDays),
                    Duration.ofDays(delayDays), Duration.ofDays(testDays));
            TrainingWindows windows = TrainingWindows.endingAt(reference(), config.train(), config.delay(), config.test());
            Training.Result result = Training.train(transactions(spark), labels(spark), windows, config, Instant.now());
            ModelVersions versions = new ModelVersions(jdbcUrl, dbUser, dbPassword);
            versions.migrate();
            Gate.Outcome outcome;
            try (Publisher<String, ModelBundle> publisher = new Publisher<>(Topics.FRAUD_MODELS, bootstrapServers,
                    registryUrl)) {
                outcome = new Gate(versions, models, margin).decide(result, publisher);
            }
            Path report = TrainingReport.write(reports, result, outcome);
            System.out.printf(Locale.ROOT, "train: best %s (average precision %.4f), %s; report %s%n",
                    outcome.best().bundle().getModelVersion(), outcome.best().averagePrecision(),
                    outcome.published() ? "published" : "not published", report);
        }
    }

    @Command(name = "archive", description = "Archive transactions and labels from Kafka to the Parquet history.")
    static final class ArchiveCommand implements Callable<Integer> {
        @Mixin
        Endpoints endpoints;
        @Option(names = "--checkpoints", defaultValue = "${env:VIGIL_ARCHIVE_CHECKPOINTS:-.vigil/data/archive-checkpoints}")
        Path checkpoints;
        @Option(names = "--once", description = "archive what is on the topics now, then stop")
        boolean once;
        @Option(names = "--every", defaultValue = "1m", converter = IntervalConverter.class,
                description = "micro-batch interval when running continuously (default: ${DEFAULT-VALUE})")
        Duration every;

        @Override
        public Integer call() throws Exception {
            try (SparkSession spark = SparkSessions.create("vigil-archive")) {
                Trigger trigger = once ? Trigger.AvailableNow() : Trigger.ProcessingTime(every.toMillis());
                for (StreamingQuery query : Archive.start(spark, endpoints.bootstrapServers, endpoints.registryUrl,
                        endpoints.history, checkpoints, trigger)) {
                    query.awaitTermination();
                }
            }
            return 0;
        }
    }

    @Command(name = "merchant-risk", description = "Compute merchant risk from the history and publish it.")
    static final class MerchantRiskCommand implements Callable<Integer> {
        @Mixin
        Endpoints endpoints;

        @Override
        public Integer call() throws Exception {
            try (SparkSession spark = SparkSessions.create("vigil-merchant-risk")) {
                endpoints.merchantRisk(spark);
            }
            return 0;
        }
    }

    @Command(name = "train", description = "Train, evaluate, gate and maybe publish a model; write a report.")
    static final class TrainCommand implements Callable<Integer> {
        @Mixin
        Endpoints endpoints;

        @Override
        public Integer call() throws Exception {
            try (SparkSession spark = SparkSessions.create("vigil-train")) {
                endpoints.train(spark);
            }
            return 0;
        }
    }

    @Command(name = "run", description = "run once: merchant risk, then training.")
    static final class RunCommand implements Callable<Integer> {
        @Parameters(index = "0", description = "once")
        String once;
        @Mixin
        Endpoints endpoints;

        @Override
        public Integer call() throws Exception {
            if (!"once".equals(once)) {
                throw new CommandLine.ParameterException(new CommandLine(this), "expected: run once");
            }
            try (SparkSession spark = SparkSessions.create("vigil-batch")) {
                endpoints.merchantRisk(spark);
                endpoints.train(spark);
            }
            return 0;
        }
    }

    @Command(name = "every", description = "Merchant risk then training, every <interval> (6h, 30m, PT6H).")
    static final class EveryCommand implements Callable<Integer> {
        @Parameters(index = "0", converter = IntervalConverter.class)
        Duration interval;
        @Mixin
        Endpoints endpoints;

        @Override
        public Integer call() throws Exception {
            try (SparkSession spark = SparkSessions.create("vigil-batch")) {
                while (!Thread.currentThread().isInterrupted()) {
                    long started = System.nanoTime();
                    try {
                        endpoints.referenceTime = null;
                        endpoints.merchantRisk(spark);
                        endpoints.train(spark);
                    } catch (RuntimeException e) {
                        // one failed run (e.g. not enough labelled history yet) must not stop the schedule
                        System.err.println("run failed: " + e.getMessage());
                    }
                    long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
                    Thread.sleep(Math.max(0, interval.toMillis() - elapsedMillis));
                }
            }
            return 0;
        }
    }

    /** {@code 90s}, {@code 30m}, {@code 6h}, {@code 1d}, or ISO-8601 {@code PT6H}. */
    static final class IntervalConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String text) {
            String t = text.trim().toLowerCase(Locale.ROOT);
            if (t.startsWith("p")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new CommandLine.TypeConversionException("not an interval: " + text);
            };
        }
    }

    @Command(name = "benchmark", description = "Time training (features, three learners, metrics) on synthetic history.")
    static final class BenchmarkCommand implements Callable<Integer> {
        @Option(names = "--transactions", defaultValue = "1000000")
        long transactions;
        @Option(names = "--days", defaultValue = "35")
        int days;

        @Override
        public Integer call() throws Exception {
            try (SparkSession spark = SparkSessions.create("vigil-benchmark")) {
                SyntheticHistory population = SyntheticHistory.ofSize(transactions, days,
                        Instant.parse("2026-01-01T00:00:00Z"), 42L);
                TrainingConfig config = TrainingConfig.defaults().withWindows(Duration.ofDays(days - 14),
                        Duration.ofDays(7), Duration.ofDays(7));
                TrainingWindows windows = TrainingWindows.endingAt(population.end(), config.train(), config.delay(),
                        config.test());
                Dataset<Row> history = population.transactions(spark).cache();
                Dataset<Row> labels = population.labels(spark).cache();
                long rows = history.count();
                labels.count();
                long started = System.nanoTime();
                Training.Result result = Training.train(history, labels, windows, config, Instant.now());
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf(Locale.ROOT,
                        "benchmark: %d transactions (%d cards, %d days), master %s, %d cores: training %.1f s; "
                                + "best %s average precision %.4f%n",
                        rows, population.cards(), days, spark.sparkContext().master(),
                        Runtime.getRuntime().availableProcessors(), seconds, result.best().type(),
                        result.best().averagePrecision());
            }
            return 0;
        }
    }
}
