package dev.vigil.trainer.bench;

import dev.vigil.trainer.Phases;
import dev.vigil.trainer.SparkSessions;
import dev.vigil.trainer.training.Training;
import dev.vigil.trainer.training.TrainingConfig;
import dev.vigil.trainer.training.TrainingWindows;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.DoubleSummaryStatistics;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code benchmark}: generates a synthetic history ({@link SyntheticHistory}) in Spark, then times a
 * training run phase by phase (fold, labels, fit / export / evaluate per learner), sampling the
 * machine's load average meanwhile, so a figure from a shared machine says how shared it was.
 */
@Command(name = "benchmark", description = "Time training phase by phase on a synthetic history of N transactions.")
public final class Benchmark implements Callable<Integer> {

    @Option(names = "--transactions", defaultValue = "1000000")
    long transactions;

    @Option(
            names = "--days",
            defaultValue = "35",
            description = "history length: 7 label delay, 7 evaluation, 7 delay, the rest training")
    int days;

    @Option(names = "--seed", defaultValue = "42")
    long seed;

    /** The wall clock: when the benchmark's models are trained (their versions); tests fix it. */
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws Exception {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        DoubleSummaryStatistics load = new DoubleSummaryStatistics();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "load-average");
            t.setDaemon(true);
            return t;
        });
        try (SparkSession spark = SparkSessions.create("vigil-benchmark")) {
            sampler.scheduleAtFixedRate(() -> load.accept(os.getSystemLoadAverage()), 0, 5, TimeUnit.SECONDS);
            SyntheticHistory population =
                    SyntheticHistory.ofSize(transactions, days, Instant.parse("2026-01-01T00:00:00Z"), seed);
            // the evaluation ends the label delay (7 days) before the end: train on what is left before it
            TrainingConfig config = TrainingConfig.defaults()
                    .withWindows(Duration.ofDays(days - 21L), Duration.ofDays(7), Duration.ofDays(7));
            TrainingWindows windows = config.windowsAt(population.end());
            long started = System.nanoTime();
            Dataset<Row> history = population.transactions(spark).cache();
            Dataset<Row> labels = population.labels(spark).cache();
            long rows = history.count();
            long labelRows = labels.count();
            double generated = seconds(System.nanoTime() - started);

            Phases phases = new Phases();
            started = System.nanoTime();
            Training.Result result = Training.train(history, labels, windows, config, clock.instant(), phases);
            double total = seconds(System.nanoTime() - started);
            sampler.shutdownNow();
            sampler.awaitTermination(10, TimeUnit.SECONDS);

            System.out.printf(
                    Locale.ROOT,
                    "benchmark: %d transactions, %d fraud labels (%d cards, %d days: train %s,"
                            + " delay %s, test %s); train %d rows (%d frauds), evaluation %d rows (%d frauds),"
                            + " final fit %d rows (%d frauds)%n",
                    rows,
                    labelRows,
                    population.cards(),
                    days,
                    config.train().toDays() + "d",
                    config.delay().toDays() + "d",
                    config.test().toDays() + "d",
                    result.evaluationTrain().rows(),
                    result.evaluationTrain().frauds(),
                    result.evaluationCounts().rows(),
                    result.evaluationCounts().frauds(),
                    result.finalTrain().rows(),
                    result.finalTrain().frauds());
            System.out.printf(
                    Locale.ROOT,
                    "  master %s, %d cores available, max heap %d MB, JDK %s, Spark %s," + " shuffle partitions %s%n",
                    spark.sparkContext().master(),
                    Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() >> 20,
                    System.getProperty("java.version"),
                    spark.version(),
                    spark.conf().get("spark.sql.shuffle.partitions"));
            System.out.printf(Locale.ROOT, "  %-16s %8.1f s (generation, not training)%n", "generate", generated);
            for (Map.Entry<String, Duration> phase : phases.times().entrySet()) {
                System.out.printf(
                        Locale.ROOT,
                        "  %-16s %8.1f s%n",
                        phase.getKey(),
                        seconds(phase.getValue().toNanos()));
            }
            System.out.printf(Locale.ROOT, "  %-16s %8.1f s%n", "training total", total);
            System.out.printf(
                    Locale.ROOT,
                    "  load average (1 min, every 5 s, %d samples): min %.1f, mean %.1f, max %.1f%n",
                    load.getCount(),
                    load.getMin(),
                    load.getAverage(),
                    load.getMax());
            System.out.printf(
                    Locale.ROOT,
                    "  best: %s, average precision %.4f, AUC %.4f%n",
                    result.best().type(),
                    result.best().averagePrecision(),
                    result.best().metrics().get(Training.MetricNames.AUC_ROC));
        } finally {
            sampler.shutdownNow();
        }
        return 0;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
