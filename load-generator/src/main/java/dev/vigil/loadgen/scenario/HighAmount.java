package dev.vigil.loadgen.scenario;

import dev.vigil.loadgen.population.Cardholder;
import dev.vigil.loadgen.population.Category;
import java.time.Instant;
import java.util.List;

/**
 * One purchase at home, in a category the holder uses, for 6 to 25 times their usual amount.
 * Genuine big tickets (3 to 8 times) overlap its lower end, and in absolute terms it often stays
 * below an ordinary television.
 */
final class HighAmount implements Simulator.FraudScenario {

    private final Purchases purchases;

    HighAmount(Purchases purchases) {
        this.purchases = purchases;
    }

    @Override
    public Plan plan(Cardholder card, Instant at) {
        Simulator.Purchase usual = purchases.localCardPresent(card);
        long amount =
                purchases.scaled(card.medianFor(Category.of(usual.merchant().mcc())), 6, 25);
        return new Plan(purchases.purchase(card, usual.merchant(), amount), true, List.of());
    }

    @Override
    public double meanFrauds() {
        return 1.0;
    }
}
