package dev.vigil.loadgen.scenario;

import dev.vigil.loadgen.population.Cardholder;
import dev.vigil.loadgen.population.Merchant;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** A burst of three to six tiny online charges, seconds apart, at a shop the card never used. */
final class CardTesting implements Simulator.FraudScenario {

    private final Purchases purchases;
    private final RandomGenerator random;

    CardTesting(Purchases purchases, RandomGenerator random) {
        this.purchases = purchases;
        this.random = random;
    }

    @Override
    public Plan plan(Cardholder card, Instant at) {
        Merchant shop = purchases.newOnlineMerchant();
        int charges = 3 + random.nextInt(4);
        List<Step> later = new ArrayList<>();
        Duration after = Duration.ZERO;
        for (int i = 1; i < charges; i++) {
            after = after.plusMillis(1_000 + random.nextInt(6_000));
            later.add(new Step(after, tiny(card, shop)));
        }
        return new Plan(tiny(card, shop), true, later);
    }

    private Simulator.Purchase tiny(Cardholder card, Merchant shop) {
        return purchases.purchase(card, shop, purchases.between(50, 600));
    }

    @Override
    public double meanFrauds() {
        return 4.5;
    }
}
