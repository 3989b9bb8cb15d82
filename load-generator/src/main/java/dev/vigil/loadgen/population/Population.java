package dev.vigil.loadgen.population;

import dev.vigil.card.BinCountries;
import dev.vigil.card.CardNumbers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * The simulated world: cardholders of a few banks and the merchants they buy from. Built from a
 * random generator, so one seed gives one world.
 */
public final class Population {

    /**
     * Each bank's card number prefix. A card's BIN is its bank's prefix followed by the digits the
     * BIN table ({@link BinCountries#defaults()}, the table ingest uses) lists for the holder's home
     * country, so ingest finds the issuing country the simulation meant.
     */
    private static final List<String> BANK_PREFIXES = List.of("4556", "4000", "4111", "4242", "4508", "4761");

    private static final BinCountries BIN_TABLE = BinCountries.defaults();
    private static final int MERCHANTS_PER_CITY_AND_CATEGORY = 3;
    private static final int ONLINE_MERCHANTS_PER_CATEGORY = 4;

    private final List<Cardholder> cardholders;
    private final List<Merchant> merchants;

    private Population(List<Cardholder> cardholders, List<Merchant> merchants) {
        this.cardholders = List.copyOf(cardholders);
        this.merchants = List.copyOf(merchants);
    }

    public static Population generate(RandomGenerator random, int cards, int banks) {
        if (banks < 1 || banks > BANK_PREFIXES.size()) {
            throw new IllegalArgumentException("banks must be between 1 and " + BANK_PREFIXES.size());
        }
        List<Merchant> merchants = catalogue();
        List<Cardholder> cardholders = new ArrayList<>(cards);
        for (int i = 0; i < cards; i++) {
            cardholders.add(cardholder(random, i, i % banks));
        }
        return new Population(cardholders, merchants);
    }

    /** {@code bank-a}, {@code bank-b}, ...: the tenants of a population of {@code banks} banks. */
    public static List<String> bankIds(int banks) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < banks; i++) {
            ids.add("bank-" + (char) ('a' + i));
        }
        return ids;
    }

    private static Cardholder cardholder(RandomGenerator random, int index, int bank) {
        City home = City.HOMES.get(random.nextInt(City.HOMES.size()));
        List<Category> shuffled = new ArrayList<>(Category.ALL);
        for (int i = shuffled.size() - 1; i > 0; i--) {
            Collections.swap(shuffled, i, random.nextInt(i + 1));
        }
        List<Cardholder.Habit> habits = new ArrayList<>();
        for (Category category : shuffled.subList(0, 4 + random.nextInt(3))) {
            // their own usual amount: between half and twice the category's
            long median = Math.round(category.typicalMinor() * Math.exp(random.nextGaussian() * 0.35));
            habits.add(new Cardholder.Habit(category, Math.max(100, median)));
        }
        int from = 6 + random.nextInt(5);
        int until = Math.min(24, from + 12 + random.nextInt(5));
        return new Cardholder(
                index, pan(random, bin(bank, home)), bankIds(bank + 1).get(bank), home, habits, from, until);
    }

    /** The BIN the bank issues to holders living in {@code home}'s country. */
    static String bin(int bank, City home) {
        List<String> bins = BIN_TABLE.prefixes(BANK_PREFIXES.get(bank), home.country());
        if (bins.isEmpty()) {
            throw new IllegalStateException(
                    "the BIN table lists no BIN of bank prefix " + BANK_PREFIXES.get(bank) + " for " + home.country());
        }
        return bins.get(0);
    }

    private static String pan(RandomGenerator random, String bin) {
        StringBuilder digits = new StringBuilder(bin);
        while (digits.length() < 15) {
            digits.append(random.nextInt(10));
        }
        return digits.append(CardNumbers.checkDigit(digits)).toString();
    }

    private static List<Merchant> catalogue() {
        List<Merchant> merchants = new ArrayList<>();
        for (Category category : Category.ALL) {
            if (category.online()) {
                for (int i = 0; i < ONLINE_MERCHANTS_PER_CATEGORY; i++) {
                    City seat = City.HOMES.get(i % City.HOMES.size());
                    merchants.add(new Merchant("m-web-" + category.label() + "-" + i, category.mcc(), seat, true));
                }
            }
            for (City city : City.HOMES) {
                for (int i = 0; i < MERCHANTS_PER_CITY_AND_CATEGORY; i++) {
                    String id = "m-" + city.name().toLowerCase(Locale.ROOT) + "-" + category.label() + "-" + i;
                    merchants.add(new Merchant(id, category.mcc(), city, false));
                }
            }
        }
        return merchants;
    }

    public List<Cardholder> cardholders() {
        return cardholders;
    }

    public List<Merchant> merchants() {
        return merchants;
    }

    /** The merchants of a category a cardholder would use: in their home city, or online. */
    public List<Merchant> merchantsFor(Category category, City home, boolean online) {
        return merchants.stream()
                .filter(m -> m.mcc().equals(category.mcc())
                        && m.online() == online
                        && (online || m.city().equals(home)))
                .toList();
    }
}
