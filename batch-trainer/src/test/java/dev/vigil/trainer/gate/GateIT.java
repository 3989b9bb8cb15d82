package dev.vigil.trainer.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.events.ModelBundle;
import dev.vigil.schemas.TopicSerdes;
import dev.vigil.schemas.Topics;
import dev.vigil.stack.LocalStack;
import dev.vigil.trainer.Publisher;
import dev.vigil.trainer.TestSpark;
import dev.vigil.trainer.bench.SyntheticHistory;
import dev.vigil.trainer.scoring.ScoreCommand;
import dev.vigil.trainer.training.Evaluation;
import dev.vigil.trainer.training.Training;
import dev.vigil.trainer.training.TrainingConfig;
import dev.vigil.trainer.training.TrainingReport;
import dev.vigil.trainer.training.TrainingTest;
import dev.vigil.trainer.training.TrainingWindows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The gate against the real local stack: Kafka, Apicurio Registry and PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public class GateIT {

    static {
        // LocalStack.forTests() holds the system properties' lock while its threads start Kafka
        // clients; log4j (Spark's slf4j binding) reads those properties when it first initialises,
        // so initialise logging before the stack, or the two deadlock.
        LoggerFactory.getLogger(GateIT.class);
    }

    /** Floors the synthetic history meets; each refusal has its own test in GatePolicyTest. */
    static final GatePolicy GATE_POLICY = new GatePolicy(100, 1, Duration.ofDays(1), 0.0, 0.01);

    private final LocalStack stack = LocalStack.forTests();
    private ModelVersions versions;
    private Training.Result firstRun;

    @TempDir
    Path dir;

    @BeforeAll
    void trainOnce() {
        versions = new ModelVersions(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
        versions.migrate();
        versions.migrate(); // idempotent
        SyntheticHistory population = new SyntheticHistory(150, 35, TrainingTest.START, 2.0, 0.2, 9L);
        TrainingWindows windows = TrainingWindows.at(
                population.end(),
                Duration.ofDays(14),
                Duration.ofDays(7),
                Duration.ofDays(7),
                TrainingTest.MERCHANT_RISK.labelDelay());
        firstRun = Training.train(
                population.transactions(TestSpark.session()),
                population.labels(TestSpark.session()),
                windows,
                new TrainingConfig(
                        Duration.ofDays(14),
                        Duration.ofDays(7),
                        Duration.ofDays(7),
                        10,
                        0.01,
                        0.002,
                        5,
                        3,
                        5,
                        7L,
                        1,
                        TrainingTest.MERCHANT_RISK),
                TrainingTest.TRAINED_AT);
    }

    @Test
    void publishesTheFirstCandidateThenRejectsOneThatDoesNotBeatTheChampionByTheMargin() throws Exception {
        Gate gate = new Gate(versions, dir.resolve("models"), 0.01, GATE_POLICY);
        Gate.Outcome first;
        Gate.Outcome second;
        try (Publisher<String, ModelBundle> publisher =
                new Publisher<>(Topics.FRAUD_MODELS, stack.kafkaBootstrapServers(), stack.registryUrl())) {
            first = gate.decide(firstRun, publisher);
            // the same models again under new versions: equal, so not better by the margin
            second = gate.decide(renamed(firstRun, "-rerun"), publisher);
        }

        assertThat(first.published()).isTrue();
        assertThat(first.championAveragePrecision()).isEmpty();
        assertThat(second.published()).isFalse();
        // the champion is the first run's published model, its final fit, re-scored on the evaluation window
        Evaluation evaluation = firstRun.evaluation();
        double publishedAp = evaluation
                .measure(evaluation.scores("published", firstRun.best().score(evaluation.testSet())))
                .get(Training.MetricNames.AVERAGE_PRECISION);
        assertThat(second.championAveragePrecision())
                .get()
                .asInstanceOf(InstanceOfAssertFactories.DOUBLE)
                .isCloseTo(publishedAp, within(1e-12));

        String champion = first.best().bundle().getModelVersion();
        assertThat(versions.status(champion)).contains(ModelVersions.Status.CHAMPION);
        assertThat(versions.status(second.best().bundle().getModelVersion())).contains(ModelVersions.Status.REJECTED);
        assertThat(versions.champion(Topics.ALL_BANKS))
                .get()
                .extracting(ModelVersions.Champion::version)
                .isEqualTo(champion);

        List<ModelBundle> published = publishedModels();
        assertThat(published).extracting(b -> b.getModelVersion().toString()).containsExactly(champion);
        assertThat(published.get(0).getBankId().toString()).isEqualTo(Topics.ALL_BANKS);
        // what the score command scores with: the champion's bundle as the scorer loaded it
        assertThat(ScoreCommand.published(
                        TestSpark.session(), stack.kafkaBootstrapServers(), stack.registryUrl(), champion))
                .containsOnlyKeys(Topics.ALL_BANKS)
                .containsValue(published.get(0));
        assertThatThrownBy(() -> ScoreCommand.published(
                        TestSpark.session(),
                        stack.kafkaBootstrapServers(),
                        stack.registryUrl(),
                        second.best().bundle().getModelVersion().toString()))
                .hasMessageContaining("is not the latest of any scope on fraud-models");

        assertThat(TrainingReport.summary(firstRun, first, 0.01))
                .contains("best: " + champion + " (" + first.best().type() + ") AUC ")
                .contains("published: yes, to fraud-models (no champion to beat)");
        assertThat(TrainingReport.summary(firstRun, second, 0.01))
                .contains("published: no (the champion's average precision");

        Path markdown = TrainingReport.write(dir.resolve("reports"), firstRun, first);
        assertThat(Files.readString(markdown))
                .contains(champion)
                .contains("champion")
                .contains("average_precision")
                .contains("| " + first.best().topFeatures(1).get(0).getKey() + " | ")
                .contains("review "
                        + String.format(
                                java.util.Locale.ROOT,
                                "%.4f",
                                first.best().bundle().getReviewThreshold()));
        assertThat(javax.imageio.ImageIO.read(markdown.resolveSibling(champion + TrainingReport.PR_CURVE)
                        .toFile()))
                .as("the precision-recall curve")
                .isNotNull();
        assertThat(markdown.resolveSibling(champion + ".json")).exists();
        assertThat(Files.readAllLines(markdown.resolveSibling(champion + ".scores.csv")))
                .hasSize(1 + firstRun.testScores().size())
                .first()
                .isEqualTo(String.join(",", TrainingReport.SCORES_HEADER));
    }

    @Test
    void refusesWhatThePolicyRefusesAndSaysWhyWithoutPublishing() {
        GatePolicy strict = new GatePolicy(1_000_000, 1, Duration.ofDays(1), 0.0, 0.01);
        Training.Result run = renamed(firstRun, "-strict");
        Gate.Outcome outcome;
        try (Publisher<String, ModelBundle> publisher =
                new Publisher<>(Topics.FRAUD_MODELS, stack.kafkaBootstrapServers(), stack.registryUrl())) {
            outcome = new Gate(versions, dir.resolve("models"), 0.01, strict).decide(run, publisher);
        }

        assertThat(outcome.published()).isFalse();
        assertThat(outcome.refusal()).get().asString().contains("fewer than 1000000");
        assertThat(versions.status(outcome.best().bundle().getModelVersion())).contains(ModelVersions.Status.REJECTED);
        assertThat(TrainingReport.summary(run, outcome, 0.01))
                .contains("published: no (the evaluation window holds "
                        + outcome.evidence().transactions() + " transactions, fewer than 1000000)")
                .contains("gate: recall ");
    }

    private static Training.Result renamed(Training.Result run, String suffix) {
        List<Training.Candidate> candidates = new ArrayList<>();
        for (Training.Candidate c : run.candidates()) {
            candidates.add(new Training.Candidate(
                    c.type(),
                    c.model(),
                    c.metrics(),
                    ModelBundle.newBuilder(c.bundle())
                            .setModelVersion(c.bundle().getModelVersion() + suffix)
                            .build(),
                    c.evaluatedReview(),
                    c.thresholdsFrom()));
        }
        List<Evaluation.TestScore> scores = run.testScores().stream()
                .map(t -> new Evaluation.TestScore(
                        t.candidate() + suffix,
                        t.transactionId(),
                        t.cardToken(),
                        t.eventTime(),
                        t.fraud(),
                        t.score(),
                        t.knownCompromised()))
                .toList();
        return new Training.Result(
                run.windows(),
                run.evaluationTrain(),
                run.evaluationCounts(),
                run.finalTrain(),
                candidates,
                run.evaluation(),
                scores,
                run.selection());
    }

    private List<ModelBundle> publishedModels() {
        TopicSerdes serdes = new TopicSerdes(stack.registryUrl(), false);
        List<ModelBundle> bundles = new ArrayList<>();
        try (KafkaConsumer<String, ModelBundle> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        stack.kafkaBootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "gate-test-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                serdes.keySerde(Topics.FRAUD_MODELS).deserializer(),
                serdes.valueSerde(Topics.FRAUD_MODELS).deserializer())) {
            consumer.subscribe(List.of(Topics.FRAUD_MODELS.name()));
            long deadline = System.currentTimeMillis() + 20_000;
            while (bundles.isEmpty() && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, ModelBundle> record : consumer.poll(Duration.ofMillis(500))) {
                    bundles.add(record.value());
                }
            }
            // anything else published would have arrived with the first record
            consumer.poll(Duration.ofSeconds(1)).forEach(record -> bundles.add(record.value()));
        }
        return bundles;
    }
}
