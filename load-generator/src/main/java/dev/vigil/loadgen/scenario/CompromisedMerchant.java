package dev.vigil.loadgen.scenario;

import dev.vigil.loadgen.population.Cardholder;
import dev.vigil.loadgen.population.Category;
import dev.vigil.loadgen.population.Merchant;
import java.time.Instant;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A breached shop leaked the cards that bought there: one of them is used at an online shop, for an
 * amount one to three times the holder's usual one. Nothing about the purchase itself is odd; what
 * links the frauds is the shop the cards shared earlier (a common point of purchase). In the world of
 * event-time days the card comes from {@link Breaches}, leaked hours to weeks before; the live simulator
 * has no such days and draws a card that bought at its two shops breached for good, making a genuine
 * purchase there instead until one has.
 */
final class CompromisedMerchant implements Simulator.FraudScenario {

    private static final List<Category> RESALEABLE =
            List.of(Category.of("5999"), Category.of("5732"), Category.of("5691"));

    private final Purchases purchases;
    private final RandomGenerator random;
    private final Breaches breaches;

    /** @param breaches the world's breaches, or {@code null} for the live simulator's shops breached for good */
    CompromisedMerchant(Purchases purchases, RandomGenerator random, Breaches breaches) {
        this.purchases = purchases;
        this.random = random;
        this.breaches = breaches;
    }

    @Override
    public Plan plan(Cardholder card, Instant at) {
        if (breaches != null) {
            Cardholder leaked = breaches.usableAt(at, random);
            return leaked == null ? null : new Plan(elsewhere(leaked), true, List.of());
        }
        Cardholder leaked = purchases.exposedCard();
        if (leaked == null) {
            return new Plan(purchases.atBreachedMerchant(card), false, List.of());
        }
        return new Plan(elsewhere(leaked), true, List.of());
    }

    private Simulator.Purchase elsewhere(Cardholder leaked) {
        Category category = purchases.pick(RESALEABLE);
        Merchant shop = purchases.pick(purchases.onlineMerchants(category));
        long amount = Math.round(leaked.medianFor(category) * (1 + 2 * random.nextDouble()));
        return purchases.purchase(leaked, shop, amount);
    }

    @Override
    public double meanFrauds() {
        return 1.0;
    }
}
