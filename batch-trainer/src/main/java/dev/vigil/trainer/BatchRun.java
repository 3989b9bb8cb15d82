package dev.vigil.trainer;

import dev.vigil.events.MerchantRisk;
import dev.vigil.events.ModelBundle;
import dev.vigil.schemas.Topics;
import dev.vigil.trainer.archive.Archive;
import dev.vigil.trainer.archive.ParquetHistory;
import dev.vigil.trainer.gate.Gate;
import dev.vigil.trainer.gate.ModelVersions;
import dev.vigil.trainer.risk.MerchantRisks;
import dev.vigil.trainer.training.Training;
import dev.vigil.trainer.training.TrainingConfig;
import dev.vigil.trainer.training.TrainingReport;
import dev.vigil.trainer.training.TrainingWindows;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.sql.streaming.Trigger;

/**
 * One run of the batch layer: the history as it stands when the run begins, the reference time
 * resolved once from it ({@code now}, the history's end or a fixed instant), then the stages, each
 * as of that one instant. Results go to standard output.
 */
final class BatchRun {

    private final TrainerCli.BatchOptions options;
    private final Dataset<Row> transactions;
    private final Dataset<Row> labels;
    private final Instant reference;

    BatchRun(SparkSession spark, TrainerCli.BatchOptions options) {
        this.options = options;
        ParquetHistory history = options.parquetHistory();
        this.transactions = history.transactions(spark);
        this.labels = history.labels(spark);
        this.reference =
                options.referenceTime.resolve(() -> TrainingWindows.historyEnd(transactions, labels), options.clock);
    }

    /** Reads what is on the topics now into the history, then stops (before a run, so that it sees them). */
    static void archive(SparkSession spark, TrainerCli.BatchOptions options) throws Exception {
        long[] rows = new long[2];
        List<StreamingQuery> queries = Archive.start(
                spark,
                options.kafka.bootstrapServers,
                options.kafka.registryUrl,
                options.history,
                options.checkpoints,
                Trigger.AvailableNow());
        for (int i = 0; i < queries.size(); i++) {
            queries.get(i).awaitTermination();
            for (StreamingQueryProgress progress : queries.get(i).recentProgress()) {
                rows[i] += progress.numInputRows();
            }
        }
        System.out.printf(
                Locale.ROOT,
                "archive: %d transactions and %d labels read from Kafka into %s%n",
                rows[0],
                rows[1],
                options.history);
    }

    /** Merchant risk, then training, as of the same reference time. */
    void all() throws Exception {
        merchantRisk();
        train();
    }

    void merchantRisk() {
        Phases phases = new Phases(transactions.sparkSession().sparkContext());
        List<MerchantRisk> risks = phases.time(
                "merchant-risk",
                () -> MerchantRisks.compute(
                        transactions, labels, reference, options.riskClock(), options.clock.instant()));
        List<String> ended = phases.time(
                "merchant-risk-ended", () -> MerchantRisks.ended(transactions, reference, options.riskClock()));
        try (Publisher<String, MerchantRisk> publisher =
                new Publisher<>(Topics.MERCHANT_RISK, options.kafka.bootstrapServers, options.kafka.registryUrl)) {
            MerchantRisks.publish(risks, ended, publisher);
        }
        System.err.printf(Locale.ROOT, "merchant-risk phases: %s%n", phases.summary());
        System.out.printf(
                Locale.ROOT,
                "merchant-risk: published %d records (transactions up to %s before %s; %d of them tombstones of merchants"
                        + " idle through the 30-day window)%n",
                risks.size() + ended.size(),
                options.labelDelay(),
                reference,
                ended.size());
    }

    void train() throws Exception {
        TrainingConfig config = options.trainingConfig();
        TrainingWindows windows = config.windowsAt(reference);
        Phases phases = new Phases(transactions.sparkSession().sparkContext());
        Training.Result result = Training.train(transactions, labels, windows, config, options.clock.instant(), phases);
        // in Spark's log: where a run's time went
        System.err.printf(Locale.ROOT, "training phases: %s%n", phases.summary());
        ModelVersions versions = new ModelVersions(options.jdbcUrl, options.dbUser, options.dbPassword);
        versions.migrate();
        Gate.Outcome outcome;
        try (Publisher<String, ModelBundle> publisher =
                new Publisher<>(Topics.FRAUD_MODELS, options.kafka.bootstrapServers, options.kafka.registryUrl)) {
            outcome =
                    new Gate(versions, options.models, options.margin, options.gatePolicy()).decide(result, publisher);
        }
        Path report = TrainingReport.write(options.reports, result, outcome);
        System.out.print(TrainingReport.summary(result, outcome, options.margin));
        System.out.printf(Locale.ROOT, "report: %s%n", report);
    }
}
