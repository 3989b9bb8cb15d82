package dev.vigil.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.events.Alert;
import dev.vigil.events.Transaction;
import dev.vigil.events.TransactionScore;
import dev.vigil.features.CardFeatures;
import dev.vigil.features.CardProfile;
import dev.vigil.features.CardProfileCodec;
import dev.vigil.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing is lost: two scorer instances (one consumer group, a standby replica
 * of every task) with alerts-api and ingest, under faults. After every run, for the run's bank:
 * every transaction ingest acknowledged has exactly one score on {@code transaction-scores}
 * (read_committed); the {@code alerts} table holds exactly one row per fraud and nothing else;
 * {@code fraud-alerts} holds one alert per fraud; and no transaction is left open on any topic.
 * Finally no card number sent shows on any topic, in any service log or in the database.
 *
 * <p>The faults of the first test are drawn from a seeded random ({@link CrashSchedule}; the seed is
 * printed): {@code -Dvigil.crash.schedule=long} runs the long schedule, {@code -Dvigil.crash.seed=N}
 * replays one. The expected alerts are known offline: {@link CardStream}'s one obvious fraud per card,
 * which the rules flag only with the card's history.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NothingIsLostIT {

    static final int SCORERS = 2;
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(10);
    /**
     * A frozen scorer stays frozen at least this long, well past its session timeout and its
     * transactions' timeout (10 s), and until the other instance has scored what it was given.
     */
    static final Duration FREEZE = SESSION_TIMEOUT.multipliedBy(2);
    /** The other instance scores what a frozen one was given within this long of the freeze. */
    static final Duration TAKE_OVER = Duration.ofSeconds(60);
    /** Alerts of frauds sent right after an active scorer is killed arrive within this long of the kill. */
    static final Duration FAILOVER_BOUND = Duration.ofSeconds(30);

    static final int HISTORY = 6;
    static final int BATCH = 4;
    static final Duration PACE = Duration.ofMillis(250);
    static final int AHEAD = 3;
    /** Generous for a shared 2-core machine, and bounded. */
    static final Duration SETTLE = Duration.ofMinutes(2);

    /** Every card number any test of this class sent. */
    static final Set<String> PANS_SENT = ConcurrentHashMap.newKeySet();
    /** The scorer's card-profile store's changelog (application id vigil-scorer, store card-profiles). */
    static final String PROFILES_CHANGELOG = "vigil-scorer-card-profiles-changelog";

    @TempDir
    static Path workDir;

    static Pipeline pipeline;

    @BeforeAll
    static void startServices() {
        pipeline = Pipeline.start(
                workDir,
                SCORERS,
                Map.of(
                        "VIGIL_SCORER_STANDBY_REPLICAS",
                        "1",
                        "VIGIL_SCORER_SESSION_TIMEOUT_MS",
                        Long.toString(SESSION_TIMEOUT.toMillis())));
    }

    @AfterAll
    static void stopServices() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    /** A test that failed half-way leaves the next one its full pipeline. */
    @BeforeEach
    void everyServiceRuns() {
        for (String scorer : pipeline.scorers()) {
            if (!pipeline.isRunning(scorer)) {
                pipeline.restart(scorer);
            }
        }
    }

    /** The probe the invariants use for hanging transactions sees one while it is open. */
    @Test
    @Order(0)
    void anOpenTransactionShowsUntilItIsCommitted() {
        String bootstrap = pipeline.stack().kafkaBootstrapServers();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                        "nothing-is-lost-probe-" + UUID.randomUUID()),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(Topics.DEAD_LETTERS.name(), new byte[] {1}, new byte[] {1}));
            producer.flush();
            assertThat(TopicContents.openTransactions(bootstrap))
                    .containsKey(new TopicPartition(Topics.DEAD_LETTERS.name(), 0));

            producer.commitTransaction();
            await().atMost(Duration.ofSeconds(30)).until(() -> TopicContents.openTransactions(bootstrap), Map::isEmpty);
        }
    }

    @Test
    @Order(1)
    void killedScorersAndAlertsApiAFrozenScorerAndACrashedBrokerUnderSteadyLoadLoseAndDuplicateNothing()
            throws Exception {
        CrashSchedule schedule = CrashSchedule.fromSystemProperties(SCORERS);
        System.out.println(schedule);
        String bank = "bank-chaos-" + UUID.randomUUID();
        int cards = (schedule.batchesNeeded() * BATCH + HISTORY) / (HISTORY + 1);
        CardStream stream = CardStream.of(bank, 0, cards, HISTORY);
        PANS_SENT.addAll(stream.pans());
        List<List<Map<String, Object>>> batches = stream.batches(BATCH);

        Instant started = Instant.now();
        Set<String> acknowledged;
        try (StreamSender sender = StreamSender.start(pipeline, batches, schedule.points(), AHEAD, PACE)) {
            for (CrashSchedule.Fault fault : schedule.faults()) {
                sender.awaitSent(fault.atBatch(), Duration.ofMinutes(3));
                System.out.printf("%s: %s%n", Duration.between(started, Instant.now()), fault);
                inject(fault, sender, bank);
            }
            int retries = sender.finish(Duration.ofMinutes(5));
            acknowledged = sender.acknowledged();
            System.out.printf(
                    "sent %d transactions of %d cards in %d batches in %s; %d batch sends were retried%n",
                    acknowledged.size(), cards, batches.size(), Duration.between(started, Instant.now()), retries);
        }

        assertThat(acknowledged).hasSize(stream.transactions().size());
        assertNothingLost(bank, acknowledged, stream.frauds());
        assertThat(pipeline.scorers()).as("no scorer instance died by itself").allMatch(pipeline::isRunning);
    }

    /** Injects the fault; tells the sender it happened, so traffic goes on while the victim recovers. */
    private static void inject(CrashSchedule.Fault fault, StreamSender sender, String bank) {
        String scorer = Pipeline.scorerInstance(fault.scorer());
        switch (fault.kind()) {
            case KILL_SCORER -> {
                pipeline.crash(scorer);
                sender.eventDone();
                pipeline.restart(scorer);
            }
            case KILL_ALERTS_API -> {
                pipeline.crash("alerts-api");
                sender.eventDone();
                pipeline.restart("alerts-api");
            }
            case RESTART_BROKER -> {
                pipeline.stack().crashKafka();
                sender.eventDone();
                pipeline.stack().restartKafka();
            }
            case FREEZE_SCORER -> {
                // freeze it while it works, not while it still starts up or rebalances
                await().atMost(SETTLE).until(() -> streamsRunning(scorer));
                pipeline.freeze(scorer);
                Instant frozen = Instant.now();
                Set<String> sentBeforeTheFreeze = sender.acknowledged();
                sender.eventDone();
                try {
                    // the other instance takes the frozen one's partitions once its session expires,
                    // and scores what the frozen one had been given, while the frozen one cannot object
                    awaitScored(bank, sentBeforeTheFreeze, TAKE_OVER);
                    sleepUntil(frozen.plus(FREEZE)); // the fault lasts well past the session timeout
                } finally {
                    pipeline.thaw(scorer);
                }
            }
        }
    }

    private static void sleepUntil(Instant end) {
        Duration left = Duration.between(Instant.now(), end);
        if (!left.isNegative()) {
            try {
                Thread.sleep(left.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    @Order(2)
    void killingAnActiveScorerMovesItsCardsToTheOtherInstanceWithinThirtySeconds() throws Exception {
        String bank = "bank-failover-" + UUID.randomUUID();
        CardStream stream = CardStream.of(bank, 1_000, 24, HISTORY);
        PANS_SENT.addAll(stream.pans());
        Set<String> acknowledged =
                new HashSet<>(StreamSender.sendAll(pipeline, stream.history(), Duration.ofMinutes(2)));
        awaitScored(bank, acknowledged);
        for (String scorer : pipeline.scorers()) {
            // the configuration took: each instance keeps warm copies of the other's stores
            await().atMost(SETTLE).until(() -> standbyTasks(scorer) > 0);
        }

        String victim = Pipeline.scorerInstance(1);
        pipeline.crash(victim);
        Instant killed = Instant.now();
        acknowledged.addAll(StreamSender.sendAll(pipeline, stream.fraudulent(), Duration.ofSeconds(20)));
        Duration left = FAILOVER_BOUND.minus(Duration.between(killed, Instant.now()));
        await().atMost(left).pollInterval(Duration.ofMillis(250)).until(() -> Set.copyOf(
                        Database.alertedTransactions(pipeline.stack(), bank))
                .containsAll(stream.frauds()));
        System.out.printf(
                "with %s killed, every fraud was alerted %d ms after the kill%n",
                victim, Duration.between(killed, Instant.now()).toMillis());

        pipeline.restart(victim);
        assertNothingLost(bank, acknowledged, stream.frauds());
    }

    @Test
    @Order(3)
    void scorersWhoseStateIsWipedRestoreCardProfilesFromTheChangelog() throws Exception {
        String bank = "bank-wiped-" + UUID.randomUUID();
        CardStream withHistory = CardStream.of(bank, 2_000, 16, HISTORY);
        // the same fraud on cards without history is not flagged: a profile lost in the wipe would show
        CardStream withoutHistory = CardStream.of(bank, 3_000, 8, 0);
        PANS_SENT.addAll(withHistory.pans());
        PANS_SENT.addAll(withoutHistory.pans());
        Set<String> acknowledged =
                new HashSet<>(StreamSender.sendAll(pipeline, withHistory.history(), Duration.ofMinutes(2)));
        awaitScored(bank, acknowledged);

        for (String scorer : pipeline.scorers()) {
            pipeline.crash(scorer);
        }
        for (String scorer : pipeline.scorers()) {
            pipeline.wipeState(scorer);
            pipeline.restart(scorer);
        }
        List<Map<String, Object>> frauds = new ArrayList<>(withHistory.fraudulent());
        frauds.addAll(withoutHistory.transactions());
        acknowledged.addAll(StreamSender.sendAll(pipeline, frauds, Duration.ofMinutes(1)));

        assertNothingLost(bank, acknowledged, withHistory.frauds());
    }

    @Test
    @Order(4)
    void noCardNumberSentShowsOnAnyTopicInAnyServiceLogOrInTheDatabase() throws Exception {
        assertThat(PANS_SENT).as("card numbers the tests above sent").isNotEmpty();
        Pattern anyPan = Pattern.compile(String.join("|", PANS_SENT));

        List<String> records = TopicContents.everyRecord(pipeline.stack().kafkaBootstrapServers());
        assertThat(records).as("records on the topics").anySatisfy(record -> assertThat(record)
                .contains("bank-chaos-"));
        assertThat(records)
                .filteredOn(record -> anyPan.matcher(record).find())
                .as("records showing a card number")
                .isEmpty();

        List<String> logs = pipeline.logs();
        assertThat(logs).hasSizeGreaterThanOrEqualTo(SCORERS + 2);
        assertThat(logs)
                .filteredOn(log -> anyPan.matcher(log).find())
                .as("service logs showing a card number")
                .isEmpty();

        List<String> stored = Database.everyTextValue(pipeline.stack());
        assertThat(stored).as("text in the database").anySatisfy(value -> assertThat(value)
                .contains("bank-chaos-"));
        assertThat(stored)
                .filteredOn(value -> anyPan.matcher(value).find())
                .as("database values showing a card number")
                .isEmpty();
    }

    /** The invariants every run must leave, for its bank. */
    private static void assertNothingLost(String bank, Set<String> acknowledged, Set<String> frauds) throws Exception {
        // every acknowledged transaction is scored (committed), and the crashed producers' transactions are closed
        awaitScored(bank, acknowledged);
        await().atMost(SETTLE)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> TopicContents.openTransactions(pipeline.stack().kafkaBootstrapServers()), Map::isEmpty);

        Map<String, Long> scores = countBy(scores(bank), TransactionScore::getTransactionId);
        assertThat(scores.keySet()).as("transactions scored").containsExactlyInAnyOrderElementsOf(acknowledged);
        assertThat(scores).as("transactions scored more than once").allSatisfy((id, count) -> assertThat(count)
                .isOne());

        await().atMost(SETTLE).pollInterval(Duration.ofSeconds(1)).until(() -> Set.copyOf(
                        Database.alertedTransactions(pipeline.stack(), bank))
                .containsAll(frauds));
        assertThat(Database.alertedTransactions(pipeline.stack(), bank))
                .as("rows of the alerts table")
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(frauds);

        List<Alert> produced = TopicContents.committedValues(pipeline.stack(), Topics.FRAUD_ALERTS).stream()
                .filter(alert -> alert.getBankId().equals(bank))
                .toList();
        assertThat(produced)
                .extracting(Alert::getAlertId)
                .as("alert ids on fraud-alerts")
                .doesNotHaveDuplicates();
        assertThat(produced)
                .extracting(Alert::getTransactionId)
                .as("alerted transactions on fraud-alerts")
                .containsExactlyInAnyOrderElementsOf(frauds);

        assertThat(TopicContents.openTransactions(pipeline.stack().kafkaBootstrapServers()))
                .as("partitions with a transaction still open")
                .isEmpty();

        assertProfilesEqualARecomputation(bank);
    }

    /**
     * Every card's profile in the scorer's store (its changelog, committed) is what folding the
     * card's transactions through the features module gives: each transaction once (a retry's
     * copy on the topic skipped, as the scorer's dedup store skips it), in the order the topic
     * holds them, with no merchant risk (none is published in these tests).
     */
    private static void assertProfilesEqualARecomputation(String bank) {
        Map<String, CardProfile> recomputed = new HashMap<>();
        Set<String> folded = new HashSet<>();
        for (Transaction tx : TopicContents.committedValues(pipeline.stack(), Topics.TRANSACTIONS)) {
            if (tx.getBankId().equals(bank) && folded.add(tx.getCardToken() + "/" + tx.getTransactionId())) {
                CardProfile before = recomputed.getOrDefault(tx.getCardToken(), CardProfile.EMPTY);
                recomputed.put(
                        tx.getCardToken(),
                        CardFeatures.next(before, tx, null, anyMerchant -> null).profile());
            }
        }
        Map<String, byte[]> stored =
                TopicContents.latestCommittedBytes(pipeline.stack().kafkaBootstrapServers(), PROFILES_CHANGELOG);
        assertThat(recomputed).as("cards of the run").isNotEmpty();
        assertThat(recomputed).allSatisfy((card, profile) -> assertThat(stored.get(card))
                .as("stored profile of a card of %s", bank)
                .isEqualTo(CardProfileCodec.encode(profile)));
    }

    private static void awaitScored(String bank, Collection<String> transactions) {
        awaitScored(bank, transactions, SETTLE);
    }

    private static void awaitScored(String bank, Collection<String> transactions, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofSeconds(1)).until(() -> scores(bank).stream()
                .map(TransactionScore::getTransactionId)
                .collect(Collectors.toSet())
                .containsAll(transactions));
    }

    private static List<TransactionScore> scores(String bank) {
        return TopicContents.committedValues(pipeline.stack(), Topics.TRANSACTION_SCORES).stream()
                .filter(score -> score.getBankId().equals(bank))
                .toList();
    }

    /** Whether the instance's Kafka Streams client is RUNNING (its liveness check says so), not starting or rebalancing. */
    private static boolean streamsRunning(String scorer) throws Exception {
        return Http.get(pipeline.url(scorer) + "/q/health/live").body().contains("\"RUNNING\"");
    }

    /** The standby tasks the instance's state updater keeps up to date, from its Prometheus metrics. */
    private static double standbyTasks(String scorer) throws Exception {
        return Http.get(pipeline.url(scorer) + "/q/metrics")
                .body()
                .lines()
                .filter(line -> line.startsWith("kafka_stream_state_updater_standby_updating_tasks{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static <T> Map<String, Long> countBy(List<T> values, Function<T, String> key) {
        return values.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
    }
}
