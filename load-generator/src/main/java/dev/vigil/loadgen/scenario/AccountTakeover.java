package dev.vigil.loadgen.scenario;

import dev.vigil.loadgen.population.Cardholder;
import dev.vigil.loadgen.population.Category;
import dev.vigil.loadgen.population.City;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Someone else has the account: one to three purchases of electronics or clothing, several times
 * the holder's usual amount, in a country the holder never bought in, tens of seconds apart.
 */
final class AccountTakeover implements Simulator.FraudScenario {

    private static final List<Category> RESALEABLE = List.of(Category.of("5732"), Category.of("5691"));

    private final Purchases purchases;
    private final RandomGenerator random;

    AccountTakeover(Purchases purchases, RandomGenerator random) {
        this.purchases = purchases;
        this.random = random;
    }

    @Override
    public Plan plan(Cardholder card, Instant at) {
        City city = purchases.pick(City.ABROAD);
        int purchasesMade = 1 + random.nextInt(3);
        List<Step> later = new ArrayList<>();
        Duration after = Duration.ZERO;
        for (int i = 1; i < purchasesMade; i++) {
            after = after.plusSeconds(10 + random.nextInt(20));
            later.add(new Step(after, spend(card, city)));
        }
        return new Plan(spend(card, city), true, later);
    }

    private Simulator.Purchase spend(Cardholder card, City city) {
        Category category = purchases.pick(RESALEABLE);
        long amount = purchases.scaled(card.medianFor(category), 2.5, 10);
        return purchases.purchase(card, purchases.abroad(city, category, random.nextBoolean()), amount);
    }

    @Override
    public double meanFrauds() {
        return 2.0;
    }
}
