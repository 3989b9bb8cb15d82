package dev.vigil.loadgen.scenario;

import dev.vigil.loadgen.population.Cardholder;
import dev.vigil.loadgen.population.Population;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * A simulated world in EVENT time: the population's genuine days ({@link GenuineDays}) with the fraud
 * scenarios played among them at their shares of all transactions, each starting at a random second of
 * a day on a random card (fraudsters keep no cardholder's hours), its later steps at their own delays.
 * A compromised-merchant fraud uses a card leaked by one of the days' {@link Breaches} instead; before
 * the first breach has leaked cards long enough, its starts are skipped.
 * Each fraud's chargeback comes {@link #chargebackAt} it, one to ten days later.
 *
 * <p>Event-time order; a day's frauds are planned when the world reaches that day, so memory holds one
 * day of genuine rows and the frauds not yet due. Genuine ids are {@code tx-<runId>-<n>}, fraud ones
 * (and the genuine purchase an impossible travel starts with) {@code tx-<runId>-f<n>}. One population,
 * seed, start, length and rates give the same world.
 */
public final class WorldDays implements Iterator<SimTransaction> {

    /** Chargebacks arrive one to ten days after the fraud (a statement read, a dispute filed). */
    static final Duration FIRST_CHARGEBACK = Duration.ofDays(1);

    static final Duration LAST_CHARGEBACK = Duration.ofDays(10);

    private final Population population;
    private final GenuineDays genuine;
    private final Map<Scenario, Simulator.FraudScenario> scenarios;
    private final ScenarioRates rates;
    private final SplittableRandom random;
    private final Instant start;
    private final Instant end;
    private final int days;
    private final double transactionsPerDay;
    private final long seed;
    /** {@code tx-<runId>-}: what every id of this run starts with. */
    private final String idPrefix;

    private final PriorityQueue<Planned> frauds =
            new PriorityQueue<>(Comparator.comparing(Planned::at).thenComparingLong(Planned::sequence));
    private SimTransaction nextGenuine;
    private int plannedDays;
    private long sequence;
    private long fraudIds;

    public WorldDays(Population population, Instant start, int days, ScenarioRates rates, long seed, String runId) {
        this.population = population;
        this.genuine = new GenuineDays(population, start, days, seed, runId);
        this.random = new SplittableRandom(seed).split();
        this.scenarios = Simulator.scenarios(genuine.purchases(), random, genuine.breaches());
        this.rates = rates;
        this.start = start.truncatedTo(ChronoUnit.DAYS);
        this.end = this.start.plus(Duration.ofDays(days));
        this.days = days;
        this.seed = seed;
        this.idPrefix = "tx-" + runId + "-";
        double perDay = 0;
        for (Cardholder card : population.cardholders()) {
            perDay += genuine.pacePerDay(card);
        }
        this.transactionsPerDay = perDay;
    }

    /**
     * When the fraud's chargeback arrives, in event time: drawn from the seed and its id within the world
     * (the id without the run's name), so every run of the same world, and every phase of it, agrees.
     */
    public Instant chargebackAt(SimTransaction fraud) {
        long spread = LAST_CHARGEBACK.minus(FIRST_CHARGEBACK).toSeconds();
        String idInWorld = fraud.transactionId().substring(idPrefix.length());
        long draw = new SplittableRandom(seed ^ idInWorld.hashCode()).nextLong(spread);
        return fraud.eventTime().plus(FIRST_CHARGEBACK).plusSeconds(draw);
    }

    /** The days' breached shops and the cards they leaked so far. */
    Breaches breaches() {
        return genuine.breaches();
    }

    /** {@code breaches: <n> shops, <m> cards leaked (<share> % of <cards>)}, so far (up to the last day planned). */
    public String breachSummary() {
        long leaked = breaches().leaks().stream()
                .map(leak -> leak.card().index())
                .distinct()
                .count();
        return String.format(
                Locale.ROOT,
                "breaches: %d shops, %d cards leaked (%.1f %% of %d)",
                breaches().breaches().size(),
                leaked,
                100.0 * leaked / population.cardholders().size(),
                population.cardholders().size());
    }

    @Override
    public boolean hasNext() {
        return peekTime() != null;
    }

    @Override
    public SimTransaction next() {
        Instant at = peekTime();
        if (at == null) {
            throw new NoSuchElementException("the last simulated day is over");
        }
        Planned fraud = frauds.peek();
        if (fraud != null && (nextGenuine == null || !fraud.at().isAfter(nextGenuine.eventTime()))) {
            frauds.poll();
            return fraud.purchase().at(idPrefix + "f" + fraudIds++, fraud.at(), fraud.scenario());
        }
        SimTransaction taken = nextGenuine;
        nextGenuine = null;
        return taken;
    }

    /** The time of the next transaction, planning each day's frauds before anything of that day goes out. */
    private Instant peekTime() {
        while (true) {
            if (nextGenuine == null && genuine.hasNext()) {
                nextGenuine = genuine.next();
            }
            while (!frauds.isEmpty() && !frauds.peek().at().isBefore(end)) {
                frauds.poll(); // a burst begun in the last minutes of the world ends with it
            }
            Instant fraudAt = frauds.isEmpty() ? null : frauds.peek().at();
            Instant genuineAt = nextGenuine == null ? null : nextGenuine.eventTime();
            Instant at = fraudAt == null
                    ? genuineAt
                    : genuineAt == null || fraudAt.isBefore(genuineAt) ? fraudAt : genuineAt;
            if (plannedDays < days && (at == null || !at.isBefore(start.plus(Duration.ofDays(plannedDays))))) {
                planDay(start.plus(Duration.ofDays(plannedDays++)));
                continue;
            }
            return at;
        }
    }

    private void planDay(Instant dayStart) {
        for (Map.Entry<Scenario, Simulator.FraudScenario> entry : scenarios.entrySet()) {
            double expected = rates.share(entry.getKey())
                    * transactionsPerDay
                    / entry.getValue().meanFrauds();
            long starts = (long) expected + (random.nextDouble() < expected - Math.floor(expected) ? 1 : 0);
            for (long i = 0; i < starts; i++) {
                Instant at =
                        dayStart.plusMillis(random.nextLong(Duration.ofDays(1).toMillis()));
                Cardholder card = population
                        .cardholders()
                        .get(random.nextInt(population.cardholders().size()));
                Simulator.FraudScenario.Plan plan = entry.getValue().plan(card, at);
                if (plan == null) {
                    continue; // a card leaked by a breach is not for sale yet
                }
                frauds.add(new Planned(at, sequence++, plan.now(), plan.nowIsFraud() ? entry.getKey() : null));
                for (Simulator.FraudScenario.Step step : plan.later()) {
                    frauds.add(new Planned(at.plus(step.after()), sequence++, step.purchase(), entry.getKey()));
                }
            }
        }
    }

    private record Planned(Instant at, long sequence, Simulator.Purchase purchase, Scenario scenario) {}
}
