package dev.vigil.loadgen;

import dev.vigil.cli.DurationConverter;
import dev.vigil.loadgen.imports.ImportSummary;
import dev.vigil.loadgen.imports.KafkaHistorySink;
import dev.vigil.loadgen.imports.SimulatedHistory;
import dev.vigil.loadgen.kafka.KafkaTarget;
import dev.vigil.loadgen.population.Population;
import dev.vigil.loadgen.report.AlertsClient;
import dev.vigil.loadgen.report.DetectionReport;
import dev.vigil.loadgen.report.SentTransaction;
import dev.vigil.loadgen.scenario.BreachEvidence;
import dev.vigil.loadgen.scenario.ScenarioRates;
import dev.vigil.loadgen.scenario.SimTransaction;
import dev.vigil.loadgen.scenario.WorldDays;
import dev.vigil.loadgen.send.Labels;
import dev.vigil.loadgen.send.LatencyRecorder;
import dev.vigil.loadgen.send.Ledger;
import dev.vigil.loadgen.send.OpenLoopSender;
import dev.vigil.loadgen.send.Target;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code world}: a simulated month in event time ({@link WorldDays}), in two phases around a training
 * run. {@code history} imports every day before the live day straight to Kafka through the import's path
 * (Kafka timestamp and {@code receivedAt} = event time, chargebacks at their own times); {@code live}
 * sends the live day through ingest over HTTP, time-compressed into {@code --live-duration} with its event
 * times kept, then reports detection for both phases from alerts-api. Both phases regenerate the same
 * world from the seed, so the second knows the first's ground truth without a file in between.
 */
@Command(
        name = "world",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "A simulated world in event time: --phase history imports the days before the live day straight "
                + "to Kafka with their chargebacks; --phase live sends the live day through ingest, time-compressed, "
                + "and reports detection for the history (scored before training) and the live day.")
final class WorldCommand implements Callable<Integer> {

    enum Phase {
        HISTORY,
        LIVE,
        BREACHES
    }

    @Option(
            names = "--phase",
            required = true,
            description = "history, live, or breaches (what the chargebacks known at the live day's start show of the"
                    + " world's breaches; nothing is sent)")
    Phase phase;

    @Mixin
    SendingOptions sending;

    @Option(names = "--cards", defaultValue = "10000", description = "cardholders (default: ${DEFAULT-VALUE})")
    int cards;

    @Option(names = "--banks", defaultValue = "1", description = "banks, 1 to 6 (default: ${DEFAULT-VALUE})")
    int banks;

    @Option(
            names = "--days",
            defaultValue = "30",
            description = "days of history before the live day (default: ${DEFAULT-VALUE})")
    int days;

    @Option(
            names = "--live-day",
            description = "the UTC date sent live; default: yesterday, so every event time is in "
                    + "the past and within ingest's 7-day window")
    LocalDate liveDay;

    @Option(
            names = "--live-duration",
            defaultValue = "3m",
            converter = DurationConverter.class,
            description = "wall-clock time the live day is compressed into (default: ${DEFAULT-VALUE})")
    Duration liveDuration;

    @Option(
            names = "--fraud-scale",
            defaultValue = "0.2",
            description =
                    "the scenarios' shares of run's defaults times this: 0.2 is about 0.5 %% fraud (default: ${DEFAULT-VALUE})")
    double fraudScale;

    @Option(names = "--seed", defaultValue = "42", description = "one seed, one world (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--run-id",
            required = true,
            description = "names the world's transaction ids; give both phases the same one")
    String runId;

    @Override
    public Integer call() throws Exception {
        if (cards < 1 || cards > 1_000_000 || days < 1 || days > 366) {
            throw new IllegalArgumentException("--cards must be 1 to 1000000 and --days 1 to 366");
        }
        Instant live = (liveDay != null
                        ? liveDay
                        : LocalDate.now(ZoneOffset.UTC).minusDays(1))
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        if (live.plus(Duration.ofDays(1)).isAfter(Instant.now())) {
            throw new IllegalArgumentException("--live-day must be over: ingest takes no event time in the future");
        }
        Population population = Population.generate(new SplittableRandom(seed), cards, banks);
        WorldDays world = new WorldDays(
                population,
                live.minus(Duration.ofDays(days)),
                days + 1,
                ScenarioRates.defaults().scaled(fraudScale),
                seed,
                runId);
        System.err.printf(
                Locale.ROOT,
                "world %s: %d cards of %s, seed %d, %d days of history before %s%n",
                runId,
                cards,
                Population.bankIds(banks),
                seed,
                days,
                live);
        return switch (phase) {
            case HISTORY -> history(world, live);
            case LIVE -> live(world, live);
            case BREACHES -> {
                System.out.print(BreachEvidence.of(world, live).render());
                yield 0;
            }
        };
    }

    private int history(WorldDays world, Instant live) throws InterruptedException {
        sending.kafka.requireKey("world --phase history");
        try (KafkaTarget target = KafkaTarget.connect(
                sending.kafka.bootstrapServers,
                sending.kafka.registryUrl,
                sending.kafka.panTokenKey,
                KafkaTarget.Mode.HISTORY)) {
            KafkaHistorySink sink = new KafkaHistorySink(target);
            TreeMap<String, Long> frauds = new TreeMap<>();
            ImportSummary summary = SimulatedHistory.write(
                    new CountingFrauds(world, frauds), tx -> tx.isFraud() ? world.chargebackAt(tx) : null, live, sink);
            long unanswered = sink.awaitAnswers(Duration.ofMinutes(1));
            System.out.println("frauds imported: " + frauds);
            System.out.println(world.breachSummary());
            System.out.println(summary.line());
            if (unanswered > 0 || sink.failed() > 0) {
                System.err.printf(
                        "Kafka did not take %d records (first cause: %s), %d unanswered%n",
                        sink.failed(), sink.firstFailure(), unanswered);
                return 1;
            }
            return 0;
        }
    }

    private int live(WorldDays world, Instant live) throws Exception {
        sending.validate();
        List<SentTransaction> history = new ArrayList<>();
        SimTransaction first = null;
        while (world.hasNext()) {
            SimTransaction tx = world.next();
            if (!tx.eventTime().isBefore(live)) {
                first = tx;
                break;
            }
            history.add(new SentTransaction(tx.transactionId(), tx.bankId(), tx.scenario(), null));
        }
        double compression = (double) Duration.ofDays(1).toNanos() / liveDuration.toNanos();
        LatencyRecorder recorder = new LatencyRecorder();
        Ledger ledger = new Ledger();
        Labels labels;
        Duration elapsed;
        System.err.printf(
                Locale.ROOT,
                "sending %s's transactions to %s in %s (x%.0f), event times kept%n",
                live,
                sending.destination(),
                liveDuration,
                compression);
        try (Target target = sending.connect()) {
            labels = new Labels(target, sending.labelDelay, sending.genuineLabelShare);
            OpenLoopSender sender = new OpenLoopSender(target, recorder, ledger, labels, sending.maxInFlight);
            SimTransaction[] next = {first};
            sender.run(
                    () -> {
                        SimTransaction tx = next[0];
                        if (tx == null) {
                            return null;
                        }
                        next[0] = world.hasNext() ? world.next() : null;
                        long offset =
                                (long) (Duration.between(live, tx.eventTime()).toNanos() / compression);
                        return new OpenLoopSender.Scheduled(sender.startNanos() + offset, tx);
                    },
                    System.err);
            elapsed = sender.elapsed();
        }
        List<SentTransaction> sent = ledger.transactions();
        List<String> banks = Population.bankIds(this.banks);
        System.out.println();
        System.out.println("phase 2, with the model: the live day " + live + " through ingest");
        int status = Reporting.finish(sending, recorder, labels, sent, banks, live, elapsed, System.out);
        if (sending.alertsUrl != null) {
            try {
                DetectionReport before = DetectionReport.of(
                        history,
                        new AlertsClient(sending.alertsUrl, sending.alertsToken)
                                .alerts(banks, live.minus(Duration.ofDays(days))));
                System.out.println();
                System.out.println(
                        "phase 1, rules only: the " + days + " days of history, scored before the training run");
                System.out.print(before.render());
            } catch (AlertsClient.Unavailable e) {
                System.out.println("history detection report skipped: " + e.getMessage());
            }
        }
        return status;
    }

    /** Passes the world through, counting its frauds per scenario. */
    private record CountingFrauds(WorldDays world, TreeMap<String, Long> frauds) implements Iterator<SimTransaction> {
        @Override
        public boolean hasNext() {
            return world.hasNext();
        }

        @Override
        public SimTransaction next() {
            SimTransaction tx = world.next();
            if (tx.isFraud()) {
                frauds.merge(tx.scenario().label(), 1L, Long::sum);
            }
            return tx;
        }
    }
}
