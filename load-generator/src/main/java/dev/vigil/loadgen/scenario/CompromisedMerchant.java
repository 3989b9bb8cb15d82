package dev.vigil.loadgen.scenario;

import dev.vigil.loadgen.population.Cardholder;
import dev.vigil.loadgen.population.Category;
import dev.vigil.loadgen.population.Merchant;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A breached online shop leaked the cards that bought there: one of them is used at another
 * online shop, for an amount one to three times the holder's usual one. Nothing about the
 * purchase itself is odd; what links the frauds is the shop the cards shared earlier (what
 * merchant risk, computed in batch from chargebacks, is for). Until a card has bought at a
 * breached shop, the scenario makes a genuine purchase there instead.
 */
final class CompromisedMerchant implements Simulator.FraudScenario {

    private final Purchases purchases;
    private final RandomGenerator random;

    CompromisedMerchant(Purchases purchases, RandomGenerator random) {
        this.purchases = purchases;
        this.random = random;
    }

    @Override
    public Plan plan(Cardholder card) {
        Cardholder leaked = purchases.exposedCard();
        if (leaked == null) {
            return new Plan(purchases.atBreachedMerchant(card), false, List.of());
        }
        Category category = purchases.pick(List.of(Category.of("5999"), Category.of("5732"), Category.of("5691")));
        Merchant elsewhere = purchases.pick(purchases.onlineMerchants(category));
        long amount = Math.round(leaked.medianFor(category) * (1 + 2 * random.nextDouble()));
        return new Plan(purchases.purchase(leaked, elsewhere, amount), true, List.of());
    }

    @Override
    public double meanFrauds() {
        return 1.0;
    }
}
