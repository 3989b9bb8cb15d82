package dev.vigil.loadgen.scenario;

import dev.vigil.loadgen.population.Cardholder;
import dev.vigil.loadgen.population.Merchant;
import dev.vigil.loadgen.population.Population;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Shops breached in event time, as a bank's fraud team meets them: an ordinary card-present shop's
 * terminals are compromised for {@link #LASTS}, a new shop every {@link #EVERY}; every card that buys
 * there meanwhile leaks, and the stolen cards are used later ({@link #FIRST_USE} to {@link #LAST_USE}
 * after the leak) at other shops. The shop's own transactions stay genuine; only the fate of its
 * cards gives it away. In the demo's world a breach leaks about 125 cards of 10,000: over a month,
 * about 6 % of the population.
 */
final class Breaches {

    static final Duration LASTS = Duration.ofDays(2);
    static final Duration EVERY = Duration.ofDays(6);
    /** Stolen cards are sold on before they are used: hours at the soonest, up to two weeks. */
    static final Duration FIRST_USE = Duration.ofHours(6);

    static final Duration LAST_USE = Duration.ofDays(14);

    /** A shop whose terminals leak the cards used there in {@code [opens, closes)}. */
    record Breach(Merchant merchant, Instant opens, Instant closes) {
        boolean leaks(Merchant at, Instant when) {
            return merchant.equals(at) && !when.isBefore(opens) && when.isBefore(closes);
        }
    }

    /** A card, when it leaked, and the breach that leaked it. */
    record Leak(Cardholder card, Instant at, Breach breach) {

        /** Whether thieves may use the card at {@code when}: {@link #FIRST_USE} to {@link #LAST_USE} after the leak. */
        boolean forSaleAt(Instant when) {
            return !at.isAfter(when.minus(FIRST_USE)) && !at.isBefore(when.minus(LAST_USE));
        }
    }

    private final List<Breach> breaches;
    private final List<Set<Integer>> leakedByBreach = new ArrayList<>();
    /** Leaks in event-time order (purchases are recorded day by day, each day in order). */
    private final List<Leak> leaks = new ArrayList<>();

    Breaches(List<Breach> breaches) {
        this.breaches = List.copyOf(breaches);
        breaches.forEach(b -> leakedByBreach.add(new HashSet<>()));
    }

    /** One breach every {@link #EVERY} from a random time in the first one, each at a random card-present shop. */
    static Breaches schedule(Population population, Instant start, Instant end, RandomGenerator random) {
        List<Merchant> shops =
                population.merchants().stream().filter(m -> !m.online()).toList();
        List<Breach> breaches = new ArrayList<>();
        Instant opens = start.plusSeconds(random.nextLong(EVERY.toSeconds()));
        while (opens.isBefore(end)) {
            breaches.add(new Breach(shops.get(random.nextInt(shops.size())), opens, opens.plus(LASTS)));
            opens = opens.plus(EVERY);
        }
        return new Breaches(breaches);
    }

    List<Breach> breaches() {
        return breaches;
    }

    /** A genuine purchase: the card leaks if the shop was breached then (once per breach). */
    void bought(Cardholder card, Merchant merchant, Instant at) {
        for (int i = 0; i < breaches.size(); i++) {
            if (breaches.get(i).leaks(merchant, at) && leakedByBreach.get(i).add(card.index())) {
                leaks.add(new Leak(card, at, breaches.get(i)));
            }
        }
    }

    /**
     * A card leaked between {@link #LAST_USE} and {@link #FIRST_USE} before {@code at} (one {@link Leak#forSaleAt}
     * then), drawn evenly among them, or {@code null} when none is (before the first breach has leaked long enough).
     */
    Cardholder usableAt(Instant at, RandomGenerator random) {
        int from = firstAtOrAfter(at.minus(LAST_USE));
        int until = firstAtOrAfter(at.minus(FIRST_USE).plusNanos(1));
        return from >= until
                ? null
                : leaks.get(from + random.nextInt(until - from)).card();
    }

    /** Every card leaked so far, in order. */
    List<Leak> leaks() {
        return List.copyOf(leaks);
    }

    private int firstAtOrAfter(Instant time) {
        int low = 0;
        int high = leaks.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (leaks.get(mid).at().isBefore(time)) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
