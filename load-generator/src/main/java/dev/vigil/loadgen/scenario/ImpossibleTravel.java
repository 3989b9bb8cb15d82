package dev.vigil.loadgen.scenario;

import dev.vigil.loadgen.population.Cardholder;
import dev.vigil.loadgen.population.Category;
import dev.vigil.loadgen.population.City;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The holder buys at home (genuine); 20 to 90 seconds later the cloned card is used in a shop on
 * another continent, for an amount ordinary for the card: only the distance gives it away.
 */
final class ImpossibleTravel implements Simulator.FraudScenario {

    private final Purchases purchases;
    private final RandomGenerator random;

    ImpossibleTravel(Purchases purchases, RandomGenerator random) {
        this.purchases = purchases;
        this.random = random;
    }

    @Override
    public Plan plan(Cardholder card, Instant at) {
        Simulator.Purchase local = purchases.localCardPresent(card);
        Cardholder.Habit habit = purchases.pick(card.habits());
        Category category = habit.category();
        City far = purchases.pick(City.ABROAD);
        Simulator.Purchase cloned = purchases.purchase(
                card, purchases.abroad(far, category, false), purchases.around(habit.medianMinor(), 0.6));
        Duration after = Duration.ofSeconds(20 + random.nextInt(70));
        return new Plan(local, false, List.of(new Step(after, cloned)));
    }

    @Override
    public double meanFrauds() {
        return 1.0;
    }
}
