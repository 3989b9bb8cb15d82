package dev.vigil.loadgen.scenario;

import dev.vigil.loadgen.population.Cardholder;
import dev.vigil.loadgen.population.Merchant;
import dev.vigil.loadgen.population.Population;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.random.RandomGenerator;

/**
 * Plays the population's purchases on the caller's clock: each call returns the transaction made
 * at the given instant. Fraud scenarios start at their rates; the ones that span several
 * transactions (a card-testing burst, an account takeover, a stolen card used after a genuine
 * purchase) leave the rest pending and play them when their time comes. Everything comes from
 * one random generator, so one seed gives one sequence.
 */
public final class Simulator {

    private final Population population;
    private final RandomGenerator random;
    private final Purchases purchases;
    private final Map<Scenario, FraudScenario> scenarios = new EnumMap<>(Scenario.class);
    private final Map<Scenario, Double> startProbability = new EnumMap<>(Scenario.class);
    private final PriorityQueue<Planned> pending =
            new PriorityQueue<>(Comparator.comparing(Planned::due).thenComparingLong(Planned::sequence));
    private final String runId;
    private long transactions;
    private long plannedSequence;

    public Simulator(Population population, ScenarioRates rates, RandomGenerator random, String runId) {
        this.population = population;
        this.random = random;
        this.runId = runId;
        this.purchases = new Purchases(population, random);
        scenarios.putAll(scenarios(purchases, random, null));
        scenarios.forEach(
                (scenario, play) -> startProbability.put(scenario, rates.share(scenario) / play.meanFrauds()));
    }

    /**
     * Every fraud scenario, playing with {@code purchases} and drawing from {@code random}; leaked cards
     * come from {@code breaches}, or (null) from the live simulator's shops breached for good.
     */
    static Map<Scenario, FraudScenario> scenarios(Purchases purchases, RandomGenerator random, Breaches breaches) {
        Map<Scenario, FraudScenario> scenarios = new EnumMap<>(Scenario.class);
        scenarios.put(Scenario.CARD_TESTING, new CardTesting(purchases, random));
        scenarios.put(Scenario.ACCOUNT_TAKEOVER, new AccountTakeover(purchases, random));
        scenarios.put(Scenario.IMPOSSIBLE_TRAVEL, new ImpossibleTravel(purchases, random));
        scenarios.put(Scenario.COMPROMISED_MERCHANT, new CompromisedMerchant(purchases, random, breaches));
        scenarios.put(Scenario.HIGH_AMOUNT, new HighAmount(purchases));
        return scenarios;
    }

    /** A genuine purchase at {@code at} (for the backdated history that gives cards their profiles). */
    public SimTransaction genuine(Instant at) {
        return purchases.genuine(activeCard(at)).at(nextId(), at, null);
    }

    /** The transaction made at {@code at}: a pending step of a fraud, a new fraud, or a genuine purchase. */
    public SimTransaction next(Instant at) {
        Planned due = pending.peek();
        if (due != null && !due.due().isAfter(at)) {
            pending.poll();
            return due.purchase().at(nextId(), at, due.scenario());
        }
        double draw = random.nextDouble();
        for (Map.Entry<Scenario, FraudScenario> scenario : scenarios.entrySet()) {
            draw -= startProbability.get(scenario.getKey());
            if (draw < 0) {
                return start(scenario.getKey(), scenario.getValue(), at);
            }
        }
        return genuine(at);
    }

    private SimTransaction start(Scenario scenario, FraudScenario play, Instant at) {
        FraudScenario.Plan plan = play.plan(activeCard(at), at);
        if (plan == null) {
            return genuine(at);
        }
        for (FraudScenario.Step step : plan.later()) {
            pending.add(new Planned(at.plus(step.after()), plannedSequence++, step.purchase(), scenario));
        }
        return plan.now().at(nextId(), at, plan.nowIsFraud() ? scenario : null);
    }

    /** A card, preferring holders who usually shop at this hour. */
    private Cardholder activeCard(Instant at) {
        int hour = at.atOffset(ZoneOffset.UTC).getHour();
        Cardholder card = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            card = population
                    .cardholders()
                    .get(random.nextInt(population.cardholders().size()));
            if (card.activeAt(hour)) {
                return card;
            }
        }
        return card;
    }

    private String nextId() {
        return "tx-" + runId + "-" + transactions++;
    }

    private record Planned(Instant due, long sequence, Purchase purchase, Scenario scenario) {}

    /** The merchant and amount of a purchase, before it gets an id and a time. */
    record Purchase(Cardholder card, Merchant merchant, String merchantCountry, long amountMinor) {

        SimTransaction at(String id, Instant at, Scenario scenario) {
            boolean present = !merchant.online();
            return new SimTransaction(
                    id,
                    card.bankId(),
                    card.pan(),
                    amountMinor,
                    "EUR",
                    merchant.id(),
                    merchant.mcc(),
                    merchantCountry,
                    present,
                    present ? merchant.city().latitude() : null,
                    present ? merchant.city().longitude() : null,
                    at,
                    scenario);
        }
    }

    /** A fraud scenario: what happens now when it starts, and what follows later. */
    interface FraudScenario {

        record Step(Duration after, Purchase purchase) {}

        record Plan(Purchase now, boolean nowIsFraud, List<Step> later) {}

        /** What happens when the scenario starts at {@code at} on {@code card}, or {@code null}: nothing it can play then. */
        Plan plan(Cardholder card, Instant at);

        /** Fraudulent transactions per start, on average: turns the share of transactions into a start probability. */
        double meanFrauds();
    }
}
