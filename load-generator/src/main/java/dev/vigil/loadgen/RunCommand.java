package dev.vigil.loadgen;

import dev.vigil.cli.DurationConverter;
import dev.vigil.loadgen.population.Population;
import dev.vigil.loadgen.report.SentTransaction;
import dev.vigil.loadgen.scenario.Scenario;
import dev.vigil.loadgen.scenario.ScenarioRates;
import dev.vigil.loadgen.scenario.SimTransaction;
import dev.vigil.loadgen.scenario.Simulator;
import dev.vigil.loadgen.send.Labels;
import dev.vigil.loadgen.send.LatencyRecorder;
import dev.vigil.loadgen.send.Ledger;
import dev.vigil.loadgen.send.OpenLoopSchedule;
import dev.vigil.loadgen.send.OpenLoopSender;
import dev.vigil.loadgen.send.Target;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code run}: simulate a card population with fraud and send it open-loop at a rate. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Simulates cardholders of a few banks buying at merchants, with fraud scenarios mixed in, "
                + "sends them to ingest-service (or straight to Kafka) at a fixed rate (open loop), sends each fraud's "
                + "chargeback later, "
                + "and reports request latency and, with --alerts-url, detection per scenario.")
final class RunCommand implements Callable<Integer> {

    @Mixin
    SendingOptions sending;

    @Option(names = "--rate", defaultValue = "50", description = "transactions per second (default: ${DEFAULT-VALUE})")
    double rate;

    @Option(
            names = "--duration",
            converter = DurationConverter.class,
            description = "how long to send (e.g. 45s, 5m); the default is 30s unless --count is given")
    Duration duration;

    @Option(
            names = "--count",
            description = "how many transactions to send, at most (with --duration: whichever ends first)")
    Long count;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "random seed: one seed, one population and one sequence (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--cards",
            defaultValue = "1000",
            description = "cardholders in the population (default: ${DEFAULT-VALUE})")
    int cards;

    @Option(
            names = "--banks",
            defaultValue = "2",
            description =
                    "banks (tenants) the cards belong to, 1 to 6: bank-a, bank-b, ... (default: ${DEFAULT-VALUE})")
    int banks;

    @Option(
            names = "--history",
            defaultValue = "3",
            description =
                    "genuine backdated transactions per card sent first (in batches), so cards have profiles before fraud starts; 0 for none (default: ${DEFAULT-VALUE})")
    int history;

    @Option(
            names = "--history-span",
            defaultValue = "2d",
            converter = DurationConverter.class,
            description =
                    "how far back the history goes, at most 6d: ingest takes event times up to 7 days old (default: ${DEFAULT-VALUE})")
    Duration historySpan;

    @Option(
            names = "--run-id",
            description =
                    "names this run's transaction ids (tx-<run-id>-<n>); default: from the clock, so reruns never collide")
    String runId;

    @Option(
            names = "--card-testing-rate",
            defaultValue = "0.006",
            description = "share of transactions that are card testing (default: ${DEFAULT-VALUE}; 0 switches it off)")
    double cardTesting;

    @Option(
            names = "--account-takeover-rate",
            defaultValue = "0.005",
            description = "share of transactions that are account takeover (default: ${DEFAULT-VALUE})")
    double accountTakeover;

    @Option(
            names = "--impossible-travel-rate",
            defaultValue = "0.004",
            description = "share of transactions that are a stolen card used far away (default: ${DEFAULT-VALUE})")
    double impossibleTravel;

    @Option(
            names = "--compromised-merchant-rate",
            defaultValue = "0.005",
            description =
                    "share of transactions that are cards leaked by a breached merchant (default: ${DEFAULT-VALUE})")
    double compromisedMerchant;

    @Option(
            names = "--high-amount-rate",
            defaultValue = "0.004",
            description = "share of transactions that are one high-amount anomaly (default: ${DEFAULT-VALUE})")
    double highAmount;

    private List<SentTransaction> sent = List.of();

    @Override
    public Integer call() throws Exception {
        validate();
        Map<Scenario, Double> shares = new EnumMap<>(Scenario.class);
        shares.put(Scenario.CARD_TESTING, cardTesting);
        shares.put(Scenario.ACCOUNT_TAKEOVER, accountTakeover);
        shares.put(Scenario.IMPOSSIBLE_TRAVEL, impossibleTravel);
        shares.put(Scenario.COMPROMISED_MERCHANT, compromisedMerchant);
        shares.put(Scenario.HIGH_AMOUNT, highAmount);
        SplittableRandom random = new SplittableRandom(seed);
        Population population = Population.generate(random, cards, banks);
        String id = runId != null ? runId : Long.toString(Instant.now().getEpochSecond(), 36);
        Simulator simulator = new Simulator(population, new ScenarioRates(shares), random, id);

        LatencyRecorder recorder = new LatencyRecorder();
        Ledger ledger = new Ledger();
        Instant from = Instant.now().minus(historySpan).minus(Duration.ofMinutes(1));
        System.err.printf(
                "run %s: %d cards of %s, seed %d, %.1f/s to %s%n",
                id, cards, Population.bankIds(banks), seed, rate, sending.destination());
        Labels labels;
        Duration elapsed;
        try (Target target = sending.connect()) {
            labels = new Labels(target, sending.labelDelay, sending.genuineLabelShare);
            new History(target, ledger, System.err).send(simulator, cards * history, historySpan);

            OpenLoopSender sender = new OpenLoopSender(target, recorder, ledger, labels, sending.maxInFlight);
            OpenLoopSchedule schedule = new OpenLoopSchedule(sender.startNanos(), rate);
            long limit = count != null ? count : Long.MAX_VALUE;
            Duration length =
                    duration != null ? duration : count != null ? Duration.ofDays(365) : Duration.ofSeconds(30);
            long endNanos = sender.startNanos() + length.toNanos();
            long[] index = {0};
            sender.run(
                    () -> {
                        long intended = schedule.intendedNanos(index[0]);
                        if (index[0] >= limit || intended >= endNanos) {
                            return null;
                        }
                        index[0]++;
                        SimTransaction next =
                                simulator.next(sender.wallClock(intended).truncatedTo(ChronoUnit.MILLIS));
                        return new OpenLoopSender.Scheduled(intended, next);
                    },
                    System.err);
            elapsed = sender.elapsed();
        }
        sent = ledger.transactions();
        return Reporting.finish(sending, recorder, labels, sent, Population.bankIds(banks), from, elapsed, System.out);
    }

    private void validate() {
        sending.validate();
        if (!(rate > 0 && rate <= 100_000)) {
            throw new IllegalArgumentException("--rate must be above 0 and at most 100000 per second");
        }
        if (count != null && count < 0) {
            throw new IllegalArgumentException("--count must not be negative");
        }
        if (cards < 1 || cards > 1_000_000) {
            throw new IllegalArgumentException("--cards must be between 1 and 1000000");
        }
        if (history < 0 || historySpan.compareTo(Duration.ofDays(6)) > 0 || historySpan.isNegative()) {
            throw new IllegalArgumentException("--history must not be negative and --history-span must be at most 6d");
        }
    }

    /** The transactions ingest accepted in the last run of this command (history included), for tests. */
    List<SentTransaction> sent() {
        return sent;
    }
}
