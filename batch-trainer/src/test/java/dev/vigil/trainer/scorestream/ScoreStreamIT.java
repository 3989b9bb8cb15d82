package dev.vigil.trainer.scorestream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.MerchantRisk;
import dev.vigil.events.ModelBundle;
import dev.vigil.events.ModelType;
import dev.vigil.events.Transaction;
import dev.vigil.events.TransactionScore;
import dev.vigil.features.CardFeatures;
import dev.vigil.features.CardProfile;
import dev.vigil.features.FeatureSchema;
import dev.vigil.features.Verdict;
import dev.vigil.features.model.Bundles;
import dev.vigil.features.model.ModelEvaluator;
import dev.vigil.features.rules.RulesConfig;
import dev.vigil.features.rules.RulesScorer;
import dev.vigil.schemas.Topic;
import dev.vigil.schemas.TopicSerdes;
import dev.vigil.schemas.Topics;
import dev.vigil.stack.LocalStack;
import dev.vigil.trainer.Publisher;
import dev.vigil.trainer.TestSpark;
import dev.vigil.trainer.bench.SyntheticHistory;
import dev.vigil.trainer.scoring.ScoringContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The Structured Streaming scorer against the real local stack: its scores and feature vectors equal
 * {@link CardFeatures} and {@link Verdict} run directly in Java over each card's transactions in topic
 * order, with the per-card profile carried across micro-batches and across a restart from the checkpoint;
 * a retried transaction is scored once; a profile idle for the scorer's idle expiry in event time is
 * gone; the models and merchant risk it reads follow their topics while it runs ({@link LiveTables}).
 */
class ScoreStreamIT {

    static {
        // see GateIT: logging must be initialised before LocalStack.forTests()
        LoggerFactory.getLogger(ScoreStreamIT.class);
    }

    private static final Instant START = Instant.parse("2026-10-01T00:00:00Z");
    /** scoredAt is wall-clock time: both runs are given this one, so every field compares. */
    private static final Instant SCORED_AT = Instant.EPOCH;

    private static final int RECORDS_PER_BATCH = 4;

    private final LocalStack stack = LocalStack.forTests();
    private final SparkSession spark = TestSpark.session();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Topic<String, Transaction> input = Topics.TRANSACTIONS.named("score-stream-in-" + run);
    private final Topic<String, TransactionScore> output = Topics.TRANSACTION_SCORES.named("score-stream-out-" + run);
    private final ModelBundle model =
            Bundles.randomEnsemble(new Random(7), FeatureSchema.CURRENT, ModelType.GRADIENT_BOOSTED_TREES, 20, 4);
    private final Map<String, MerchantRisk> risks = merchantRisks();

    @TempDir
    Path dir;

    @Test
    void scoresEachCardAsCardFeaturesAndVerdictDoAcrossMicroBatchesAndARestart() throws Exception {
        SyntheticHistory population = new SyntheticHistory(3, 2, START, 4.0, 1.0, 5L);
        List<List<Transaction>> cards = List.of(
                population.card(0).transactions(),
                population.card(1).transactions(),
                population.card(2).transactions());
        List<Transaction> beforeRestart = new ArrayList<>();
        List<Transaction> afterRestart = new ArrayList<>();
        for (List<Transaction> card : cards) {
            beforeRestart.addAll(card.subList(0, card.size() / 2));
            afterRestart.addAll(card.subList(card.size() / 2, card.size()));
        }
        ScoreStream.createIfMissing(stack.kafkaBootstrapServers(), input);
        ScoringContext context = new ScoringContext(Map.of(Topics.ALL_BANKS, model), risks);

        try (Publisher<String, Transaction> txs =
                new Publisher<>(input, stack.kafkaBootstrapServers(), stack.registryUrl())) {
            beforeRestart.forEach(tx -> txs.send(tx.getCardToken(), tx));
            // a client's retry of a transaction already on the topic: scored once, the profile moved once
            Transaction retried = beforeRestart.get(1);
            txs.send(retried.getCardToken(), retried);
            txs.flush();
            sendUnreadableRecord();
            StreamingQuery first = runToEnd(context);
            assertThat(first.recentProgress())
                    .as("micro-batches before the restart")
                    .hasSizeGreaterThan(2);

            afterRestart.forEach(tx -> txs.send(tx.getCardToken(), tx));
            txs.flush();
            runToEnd(context); // a restart: a new query on the same checkpoint
        }

        Map<String, TransactionScore> expected = scoredInJava(cards);
        List<TransactionScore> scored = readScores(expected.size());
        assertThat(scored)
                .extracting(TransactionScore::getTransactionId)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (TransactionScore score : scored) {
            assertThat(score).as(score.getTransactionId()).isEqualTo(expected.get(score.getTransactionId()));
        }
        assertThat(scored).extracting(TransactionScore::getModelVersion).containsOnly(model.getModelVersion());
        assertThat(scored).as("some transaction decided other than APPROVE").anyMatch(TransactionScore::getAlerted);
    }

    @Test
    void aProfileIdleForTheScorersExpiryInEventTimeIsGoneAndTheCardStartsAgain() throws Exception {
        SyntheticHistory population = new SyntheticHistory(2, 2, START, 4.0, 1.0, 5L);
        List<Transaction> quiet = population.card(0).transactions();
        Transaction last = quiet.get(quiet.size() - 1);
        // another card moves event time past the idle expiry; then the quiet card comes back
        Instant later =
                last.getEventTime().plus(ScoreStream.SCORER_PROFILE_IDLE_EXPIRY).plus(Duration.ofDays(1));
        Transaction other = Transaction.newBuilder(
                        population.card(1).transactions().get(0))
                .setTransactionId("tx-other-later")
                .setEventTime(later)
                .setReceivedAt(later)
                .build();
        Instant back = later.plus(Duration.ofHours(1));
        Transaction returning = Transaction.newBuilder(last)
                .setTransactionId("tx-back")
                .setEventTime(back)
                .setReceivedAt(back)
                .build();
        ScoreStream.createIfMissing(stack.kafkaBootstrapServers(), input);
        ScoringContext rulesOnly = ScoringContext.rulesOnly();

        try (Publisher<String, Transaction> txs =
                new Publisher<>(input, stack.kafkaBootstrapServers(), stack.registryUrl())) {
            quiet.forEach(tx -> txs.send(tx.getCardToken(), tx));
            txs.flush();
            runToEnd(rulesOnly);
            txs.sendAndWait(other.getCardToken(), other);
            runToEnd(rulesOnly);
            txs.sendAndWait(returning.getCardToken(), returning);
            runToEnd(rulesOnly);
        }

        CardFeatures.Step fresh = CardFeatures.next(CardProfile.EMPTY, returning, null, anyMerchant -> null);
        TransactionScore fromNothing = Verdict.of(
                        new RulesScorer(RulesConfig.DEFAULTS).score(fresh.features()),
                        null,
                        fresh.features().values())
                .scoreRecord(returning, fresh.features(), SCORED_AT);
        List<TransactionScore> scored = readScores(quiet.size() + 2);
        assertThat(scored)
                .filteredOn(score -> score.getTransactionId().equals("tx-back"))
                .as("scored from an empty profile, as after the scorer's expiry")
                .containsExactly(fromNothing);
    }

    @Test
    void followsModelsAndMerchantRiskPublishedWhileItRuns() throws Exception {
        String bank = "bank-live-" + run;
        ModelBundle first =
                Bundles.randomEnsemble(new Random(1), FeatureSchema.CURRENT, ModelType.GRADIENT_BOOSTED_TREES, 5, 3);
        first.setBankId(bank);
        first.setModelVersion("live-1-" + run);
        ModelBundle second =
                ModelBundle.newBuilder(first).setModelVersion("live-2-" + run).build();
        MerchantRisk risk = MerchantRisk.newBuilder(risks.values().iterator().next())
                .setBankId(bank)
                .setMerchantId("m-live")
                .build();
        String riskKey = Topics.merchantRiskKey(bank, "m-live");
        // topics of this test's own: the stack's fraud-models is read by the other tests of this JVM
        Topic<String, ModelBundle> modelsTopic = Topics.FRAUD_MODELS.named("score-stream-models-" + run);
        Topic<String, MerchantRisk> risksTopic = Topics.MERCHANT_RISK.named("score-stream-risk-" + run);
        LiveTables tables = new LiveTables(
                stack.kafkaBootstrapServers(), stack.registryUrl(), modelsTopic.name(), risksTopic.name());

        try (Publisher<String, ModelBundle> models =
                        new Publisher<>(modelsTopic, stack.kafkaBootstrapServers(), stack.registryUrl());
                Publisher<String, MerchantRisk> merchants =
                        new Publisher<>(risksTopic, stack.kafkaBootstrapServers(), stack.registryUrl())) {
            models.sendAndWait(bank, first);
            assertThat(tables.model(bank).modelVersion())
                    .as("caught up at the first lookup")
                    .isEqualTo(first.getModelVersion());
            assertThat(tables.merchantRisk(bank, "m-live")).isNull();

            models.sendAndWait(bank, second);
            merchants.sendAndWait(riskKey, risk);
            awaitTrue(() -> second.getModelVersion().equals(tables.model(bank).modelVersion()));
            awaitTrue(() -> risk.equals(tables.merchantRisk(bank, "m-live")));

            models.sendAndWait(bank, null);
            awaitTrue(() -> tables.model(bank) == null);
        }
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("in time").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** Each card's transactions in the order they were published, through the shared code, run directly. */
    private Map<String, TransactionScore> scoredInJava(List<List<Transaction>> cards) {
        ModelEvaluator evaluator = ModelEvaluator.compile(model, FeatureSchema.CURRENT);
        RulesScorer rules = new RulesScorer(RulesConfig.DEFAULTS);
        Map<String, TransactionScore> expected = new HashMap<>();
        boolean exposed = false;
        for (List<Transaction> card : cards) {
            CardProfile profile = CardProfile.EMPTY;
            for (Transaction tx : card) {
                MerchantRisk risk = risks.get(Topics.merchantRiskKey(Topics.ALL_BANKS, tx.getMerchantId()));
                CardFeatures.Step step = CardFeatures.next(
                        profile,
                        tx,
                        risk,
                        merchantId -> risks.get(Topics.merchantRiskKey(Topics.ALL_BANKS, merchantId)));
                exposed |= step.features().get(FeatureSchema.Names.COMMON_POINT_SCORE) > 0;
                expected.put(
                        tx.getTransactionId(),
                        Verdict.of(
                                        rules.score(step.features()),
                                        evaluator,
                                        step.features().values())
                                .scoreRecord(tx, step.features(), SCORED_AT));
                profile = step.profile();
            }
        }
        assertThat(exposed)
                .as("some card exposed to a common point of purchase")
                .isTrue();
        return expected;
    }

    /** With the state store the score-stream command runs (RocksDB, changelog checkpoints). */
    private StreamingQuery runToEnd(ScoringContext context) throws Exception {
        ScoreStreamCommand.STATE_STORE.forEach(spark.conf()::set);
        try {
            return startAndAwait(context);
        } finally {
            ScoreStreamCommand.STATE_STORE.keySet().forEach(spark.conf()::unset);
        }
    }

    private StreamingQuery startAndAwait(ScoringContext context) throws Exception {
        StreamingQuery query = ScoreStream.start(
                spark,
                new ScoreStream.Settings(
                        stack.kafkaBootstrapServers(),
                        stack.registryUrl(),
                        input.name(),
                        "earliest",
                        RECORDS_PER_BATCH,
                        output.name(),
                        dir.resolve("checkpoint"),
                        Trigger.AvailableNow(),
                        false),
                context,
                Clock.fixed(SCORED_AT, ZoneOffset.UTC));
        query.awaitTermination();
        return query;
    }

    /** Bytes that are no Apicurio Avro record, between the two runs' records: skipped, nothing else lost. */
    private void sendUnreadableRecord() throws Exception {
        try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(
                            input.name(),
                            "card-000000".getBytes(StandardCharsets.UTF_8),
                            "not avro".getBytes(StandardCharsets.UTF_8)))
                    .get();
        }
    }

    private List<TransactionScore> readScores(int atLeast) {
        List<TransactionScore> scores = new ArrayList<>();
        try (KafkaConsumer<String, TransactionScore> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        stack.kafkaBootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "score-stream-test-" + run,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new TopicSerdes(stack.registryUrl(), false).valueSerde(output).deserializer())) {
            consumer.subscribe(List.of(output.name()));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            // keep reading a little past the expected count, so a duplicate would show
            int quietPolls = 0;
            while (System.nanoTime() < deadline && (scores.size() < atLeast || quietPolls < 2)) {
                int before = scores.size();
                for (ConsumerRecord<String, TransactionScore> record : consumer.poll(Duration.ofMillis(500))) {
                    assertThat(record.key()).isEqualTo(record.value().getCardToken());
                    scores.add(record.value());
                }
                quietPolls = scores.size() == before ? quietPolls + 1 : 0;
            }
        }
        return scores;
    }

    private static Map<String, MerchantRisk> merchantRisks() {
        Map<String, MerchantRisk> risks = new HashMap<>();
        for (int m = 200; m < 220; m++) {
            MerchantRisk risk = MerchantRisk.newBuilder()
                    .setBankId(Topics.ALL_BANKS)
                    .setMerchantId("m-" + m)
                    .setReferenceTime(START)
                    .setLabelDelayDays(7)
                    .setTransactions1d(10)
                    .setTransactions7d(70)
                    .setTransactions30d(300)
                    .setFraudRate1d(0.2)
                    .setFraudRate7d(0.1)
                    .setFraudRate30d(0.05)
                    .setComputedAt(START)
                    .build();
            risks.put(Topics.merchantRiskKey(Topics.ALL_BANKS, risk.getMerchantId()), risk);
        }
        // genuine shops where some of the cards that bought there were defrauded afterwards
        for (int m = 0; m < 200; m += 2) {
            MerchantRisk risk = MerchantRisk.newBuilder()
                    .setBankId(Topics.ALL_BANKS)
                    .setMerchantId("m-" + m)
                    .setReferenceTime(START)
                    .setLabelDelayDays(7)
                    .setTransactions1d(3)
                    .setTransactions7d(20)
                    .setTransactions30d(90)
                    .setFraudRate1d(0)
                    .setFraudRate7d(0)
                    .setFraudRate30d(0)
                    .setCommonPointCards(60)
                    .setCommonPointDefraudedCards(m % 7)
                    .setCommonPointScore((m % 7) / 70.0)
                    .setComputedAt(START)
                    .build();
            risks.put(Topics.merchantRiskKey(Topics.ALL_BANKS, risk.getMerchantId()), risk);
        }
        return risks;
    }
}
