package dev.vigil.loadgen.scenario;

import dev.vigil.loadgen.population.Cardholder;
import dev.vigil.loadgen.population.Category;
import dev.vigil.loadgen.population.City;
import dev.vigil.loadgen.population.Merchant;
import dev.vigil.loadgen.population.Population;
import dev.vigil.loadgen.scenario.Simulator.Purchase;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Building blocks of purchases: the genuine ones cardholders make out of habit, amounts around a
 * usual one, merchants abroad. For the live simulator ({@link Simulator}), which has no event-time
 * days for {@link Breaches}, two online shops stand breached for good: it remembers which cards bought there.
 */
final class Purchases {

    /** Share of genuine purchases that are big for the cardholder: a fridge, a flight. */
    private static final double BIG_TICKET = 0.015;

    private static final double ONLINE_SHARE = 0.6;

    private final Population population;
    private final RandomGenerator random;
    private final List<Merchant> breached;
    private final Set<Cardholder> exposed = new LinkedHashSet<>();
    private int newMerchants;

    Purchases(Population population, RandomGenerator random) {
        this.population = population;
        this.random = random;
        List<Merchant> online =
                population.merchants().stream().filter(Merchant::online).toList();
        this.breached = List.of(online.get(random.nextInt(online.size())), online.get(random.nextInt(online.size())));
    }

    Purchase genuine(Cardholder card) {
        Cardholder.Habit habit = pick(card.habits());
        Category category = habit.category();
        boolean online = category.online() && random.nextDouble() < ONLINE_SHARE;
        Merchant merchant = pick(population.merchantsFor(category, card.home(), online));
        if (merchant.online() && breached.contains(merchant)) {
            exposed.add(card);
        }
        long median = habit.medianMinor();
        long amount = random.nextDouble() < BIG_TICKET ? scaled(median, 3, 8) : around(median, 0.45);
        return purchase(card, merchant, amount);
    }

    /** A card-present purchase at home at an ordinary amount for the card. */
    Purchase localCardPresent(Cardholder card) {
        Cardholder.Habit habit = pick(card.habits());
        Merchant merchant = pick(population.merchantsFor(habit.category(), card.home(), false));
        return purchase(card, merchant, around(habit.medianMinor(), 0.45));
    }

    /** A genuine purchase at one of the breached shops: the card leaks. */
    Purchase atBreachedMerchant(Cardholder card) {
        Merchant merchant = pick(breached);
        exposed.add(card);
        return purchase(card, merchant, around(card.medianFor(Category.of(merchant.mcc())), 0.45));
    }

    /** The online shops of a category that were not breached. */
    List<Merchant> onlineMerchants(Category category) {
        return population.merchantsFor(category, null, true).stream()
                .filter(m -> !breached.contains(m))
                .toList();
    }

    /** A card that bought at a breached merchant, or none yet. */
    Cardholder exposedCard() {
        return exposed.isEmpty() ? null : pick(new ArrayList<>(exposed));
    }

    /** An online shop nobody used before (card testers look for fresh, weakly guarded ones). */
    Merchant newOnlineMerchant() {
        City seat = pick(City.HOMES);
        return new Merchant("m-web-new-" + newMerchants++, "5999", seat, true);
    }

    /** A merchant of the category in a city abroad. */
    Merchant abroad(City city, Category category, boolean online) {
        String id = "m-" + city.name().toLowerCase(Locale.ROOT).replace(' ', '-') + "-" + category.label()
                + (online ? "-web" : "");
        return new Merchant(id, category.mcc(), city, online);
    }

    Purchase purchase(Cardholder card, Merchant merchant, long amountMinor) {
        return new Purchase(card, merchant, merchant.city().country(), amountMinor);
    }

    /** A log-normal amount around {@code median}, at least one euro. */
    long around(long median, double spread) {
        return Math.max(100, Math.round(median * Math.exp(random.nextGaussian() * spread)));
    }

    /** {@code median} times a factor drawn uniformly in [low, high). */
    long scaled(long median, double low, double high) {
        return Math.round(median * (low + random.nextDouble() * (high - low)));
    }

    long between(long low, long high) {
        return low + random.nextLong(high - low);
    }

    <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }
}
