package dev.vigil.trainer.scoring;

import dev.vigil.events.ModelBundle;
import dev.vigil.features.rules.RulesConfig;
import dev.vigil.schemas.Topics;
import dev.vigil.trainer.Csv;
import dev.vigil.trainer.SparkSessions;
import dev.vigil.trainer.TrainerCli;
import dev.vigil.trainer.archive.ParquetHistory;
import dev.vigil.trainer.archive.TopicRecords;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code score --model-version v --from t1 --to t2 --out scores.csv}: the archived transactions of
 * {@code [t1, t2)} scored offline as the live scorer scored them with version {@code v} in force
 * ({@link OfflineScoring}). The bundle is read from {@code fraud-models}, the latest record of each scope:
 * the very bytes the scorer loaded, thresholds included, rather than a second copy saved beside the
 * Spark model. A version no longer the latest of any scope is refused: the scorer no longer has it.
 */
@Command(
        name = "score",
        description = "Score archived transactions offline as the live scorer would with a "
                + "published model; write transactionId, cardToken, eventTime, score, modelScore, decision as CSV.")
public final class ScoreCommand implements Callable<Integer> {

    @Mixin
    TrainerCli.BatchOptions options;

    @Option(names = "--model-version", required = true, description = "a version published to fraud-models")
    public String modelVersion;

    @Option(
            names = "--from",
            required = true,
            converter = InstantConverter.class,
            description = "first event time scored (ISO-8601 instant, inclusive)")
    public Instant from;

    @Option(
            names = "--to",
            required = true,
            converter = InstantConverter.class,
            description = "end of the event times scored (exclusive)")
    public Instant to;

    @Option(names = "--out", required = true, description = "the CSV file to write")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!from.isBefore(to)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--from must be before --to");
        }
        try (SparkSession spark = SparkSessions.create("vigil-score")) {
            Map<String, ModelBundle> published =
                    published(spark, options.kafka.bootstrapServers, options.kafka.registryUrl, modelVersion);
            ParquetHistory history = options.parquetHistory();
            List<OfflineScoring.Scored> scored = OfflineScoring.score(
                    history.transactions(spark),
                    history.labels(spark),
                    options.trainingConfig(),
                    published,
                    RulesConfig.DEFAULTS,
                    from,
                    to);
            Csv.write(out, OfflineScoring.HEADER, scored.stream().map(OfflineScoring.Scored::csvRow));
            System.out.printf(
                    Locale.ROOT,
                    "score: %d transactions of %s .. %s scored with %s (scopes %s) into %s%n",
                    scored.size(),
                    from,
                    to,
                    modelVersion,
                    published.keySet(),
                    out);
        }
        return 0;
    }

    /**
     * The scopes whose latest accepted bundle on {@code fraud-models} is {@code version}, as the scorer has
     * them in force; refused when there is none.
     */
    public static Map<String, ModelBundle> published(
            SparkSession spark, String bootstrapServers, String registryUrl, String version) {
        Map<String, ModelBundle> published = TopicRecords.latest(
                        spark, bootstrapServers, registryUrl, Topics.FRAUD_MODELS, ScoringContext::accepts)
                .entrySet()
                .stream()
                .filter(e -> e.getValue().getModelVersion().toString().equals(version))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        if (published.isEmpty()) {
            throw new IllegalStateException(
                    "model version " + version + " is not the latest of any scope on " + Topics.FRAUD_MODELS.name());
        }
        return published;
    }

    static final class InstantConverter implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String text) {
            try {
                return Instant.parse(text.trim());
            } catch (java.time.format.DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("not an ISO-8601 instant: " + text);
            }
        }
    }
}
