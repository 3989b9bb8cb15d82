package dev.vigil.loadgen.scenario;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the chargebacks known at an instant can say about a world's breaches, as a bank's common-point
 * analysis would ask it: of the cards that bought at a shop on a day, how many were defrauded afterwards
 * (a chargeback arrived by then), against the share among all shops' cards of that day. A breach shows
 * only where its days stand out from the other shop-days; the compromised-merchant frauds after the
 * instant are counted by the breach that leaked their card. Every merchant-day of the
 * {@link #WINDOW} before the instant is ranked.
 */
public final class BreachEvidence {

    static final Duration WINDOW = Duration.ofDays(30);

    /**
     * A shop's visitors on one UTC day and those defrauded since, with the day's share over all shops and
     * the ratio between them, smoothed by one card ({@code (defrauded + 1) / (visitors x dayShare + 1)}).
     *
     * @param rank 1 for the shop-day that stands out most of all {@code shopDays}
     */
    public record ShopDay(
            String merchantId,
            LocalDate day,
            int visitors,
            int defrauded,
            double dayShare,
            double lift,
            int rank,
            int shopDays) {}

    /**
     * A breach: its shop and window, the cards it leaked, those with a chargeback known of a fraud after the leak,
     * its shop's days, and the frauds after the instant on cards it leaked. What flagging the breach would cost: the
     * leaked cards' genuine card-not-present purchases from the instant on (the frauds are card-not-present too), and,
     * for a detector that knew the breach days but could not tell leaked cards from the others, the cards that
     * bought at the shop on those days ({@code dayCards}), their genuine purchases from the instant on and how many
     * of those were card-not-present.
     */
    public record Breach(
            String merchantId,
            Instant opens,
            Instant closes,
            int leaked,
            int charged,
            List<ShopDay> days,
            int laterFrauds,
            int leakedLaterNotPresent,
            int dayCards,
            int dayCardsLaterGenuine,
            int dayCardsLaterNotPresent) {}

    private final Instant asOf;
    private final List<Breach> breaches;
    private final int laterFrauds;
    private final int cards;
    private final int defraudedCards;

    private BreachEvidence(Instant asOf, List<Breach> breaches, int laterFrauds, int cards, int defraudedCards) {
        this.asOf = asOf;
        this.breaches = List.copyOf(breaches);
        this.laterFrauds = laterFrauds;
        this.cards = cards;
        this.defraudedCards = defraudedCards;
    }

    /**
     * Runs the rest of {@code world} (a fresh one: its breaches are those of every day it plays) and weighs the
     * evidence known at {@code asOf}; frauds from {@code asOf} on are those counted by breach.
     */
    public static BreachEvidence of(WorldDays world, Instant asOf) {
        Map<String, List<Instant[]>> frauds = new HashMap<>(); // card -> (fraud time, chargeback time)
        Map<String, Map<String, Instant>> visits = new HashMap<>(); // "shop|day" -> card -> first visit that day
        Set<String> cards = new HashSet<>(); // cards with a genuine purchase
        List<SimTransaction> later = new ArrayList<>();
        Map<String, int[]> laterGenuine =
                new HashMap<>(); // card -> genuine purchases from asOf on, card-not-present ones
        Instant from = asOf.minus(WINDOW);
        while (world.hasNext()) {
            SimTransaction tx = world.next();
            if (tx.isFraud()) {
                frauds.computeIfAbsent(tx.pan(), p -> new ArrayList<>())
                        .add(new Instant[] {tx.eventTime(), world.chargebackAt(tx)});
                if (!tx.eventTime().isBefore(asOf) && tx.scenario() == Scenario.COMPROMISED_MERCHANT) {
                    later.add(tx);
                }
                continue;
            }
            cards.add(tx.pan());
            if (!tx.eventTime().isBefore(asOf)) {
                int[] counts = laterGenuine.computeIfAbsent(tx.pan(), p -> new int[2]);
                counts[0]++;
                counts[1] += tx.cardPresent() ? 0 : 1;
            }
            if (!tx.eventTime().isBefore(from) && tx.eventTime().isBefore(asOf)) {
                visits.computeIfAbsent(key(tx.merchantId(), day(tx.eventTime())), k -> new HashMap<>())
                        .merge(tx.pan(), tx.eventTime(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        Map<String, int[]> counts = new HashMap<>(); // "shop|day" -> visitors, defrauded
        Map<LocalDate, int[]> byDay = new HashMap<>();
        visits.forEach((shopDay, visitors) -> {
            int defrauded = 0;
            for (Map.Entry<String, Instant> visit : visitors.entrySet()) {
                defrauded += defraudedAfter(frauds.get(visit.getKey()), visit.getValue(), asOf) ? 1 : 0;
            }
            counts.put(shopDay, new int[] {visitors.size(), defrauded});
            int[] day = byDay.computeIfAbsent(
                    LocalDate.parse(shopDay.substring(shopDay.indexOf('|') + 1)), d -> new int[2]);
            day[0] += visitors.size();
            day[1] += defrauded;
        });
        Map<String, ShopDay> ranked = ranked(counts, byDay);
        List<Breach> breaches = new ArrayList<>();
        for (Breaches.Breach b : world.breaches().breaches()) {
            String shop = b.merchant().id();
            Map<String, Breaches.Leak> leaked = new HashMap<>(); // card -> this breach's leak of it (once per breach)
            for (Breaches.Leak leak : world.breaches().leaks()) {
                if (leak.breach().equals(b)) {
                    leaked.put(leak.card().pan(), leak);
                }
            }
            int charged = (int) leaked.entrySet().stream()
                    .filter(leak -> defraudedAfter(
                            frauds.get(leak.getKey()), leak.getValue().at(), asOf))
                    .count();
            List<ShopDay> days = new ArrayList<>();
            Set<String> dayCards = new HashSet<>();
            for (LocalDate d = day(b.opens()); !d.isAfter(day(b.closes())); d = d.plusDays(1)) {
                ShopDay shopDay = ranked.get(key(shop, d));
                if (shopDay != null) {
                    days.add(shopDay);
                    dayCards.addAll(visits.get(key(shop, d)).keySet());
                }
            }
            int[] dayCardsLater = new int[2];
            for (String card : dayCards) {
                int[] purchased = laterGenuine.getOrDefault(card, new int[2]);
                dayCardsLater[0] += purchased[0];
                dayCardsLater[1] += purchased[1];
            }
            int usedLater = (int) later.stream()
                    .filter(f ->
                            leaked.containsKey(f.pan()) && leaked.get(f.pan()).forSaleAt(f.eventTime()))
                    .count();
            breaches.add(new Breach(
                    shop,
                    b.opens(),
                    b.closes(),
                    leaked.size(),
                    charged,
                    days,
                    usedLater,
                    leaked.keySet().stream()
                            .mapToInt(card -> laterGenuine.getOrDefault(card, new int[2])[1])
                            .sum(),
                    dayCards.size(),
                    dayCardsLater[0],
                    dayCardsLater[1]));
        }
        int defraudedCards = (int) frauds.values().stream()
                .filter(times -> times.stream().anyMatch(f -> !f[0].isBefore(from) && f[0].isBefore(asOf)))
                .count();
        return new BreachEvidence(asOf, breaches, later.size(), cards.size(), defraudedCards);
    }

    public List<Breach> breaches() {
        return breaches;
    }

    /** Cards with a genuine purchase. */
    public int cards() {
        return cards;
    }

    /** Cards defrauded (any scenario) in the {@link #WINDOW} before the instant. */
    public int defraudedCards() {
        return defraudedCards;
    }

    /** Compromised-merchant frauds from the instant on. */
    public int laterFrauds() {
        return laterFrauds;
    }

    /** The evidence as lines of text: per breach, its days, and the frauds after the instant it leaked the cards of. */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "breaches as the chargebacks known at %s show them (a shop-day's cards defrauded since, against all"
                        + " shops' cards that day):%n",
                asOf));
        out.append(String.format(
                Locale.ROOT,
                "cards defrauded (any scenario) in the %d days before: %d of %d%n",
                WINDOW.toDays(),
                defraudedCards,
                cards));
        for (Breach b : breaches) {
            out.append(String.format(
                    Locale.ROOT,
                    "%s %s .. %s: %d cards leaked, %d with a chargeback; used in %d of the %d compromised-merchant frauds"
                            + " from %s%n",
                    b.merchantId(),
                    b.opens(),
                    b.closes(),
                    b.leaked(),
                    b.charged(),
                    b.laterFrauds(),
                    laterFrauds,
                    asOf));
            for (ShopDay d : b.days()) {
                out.append(String.format(
                        Locale.ROOT,
                        "  %s: %d of %d cards defrauded since (%.1f %% against %.1f %%), lift %.2f, rank %d of %d"
                                + " shop-days%n",
                        d.day(),
                        d.defrauded(),
                        d.visitors(),
                        100.0 * d.defrauded() / d.visitors(),
                        100 * d.dayShare(),
                        d.lift(),
                        d.rank(),
                        d.shopDays()));
            }
            out.append(String.format(
                    Locale.ROOT,
                    "  from %s on: the leaked cards' genuine card-not-present purchases %d; the %d cards of those days:"
                            + " %d genuine purchases, %d of them card-not-present%n",
                    asOf,
                    b.leakedLaterNotPresent(),
                    b.dayCards(),
                    b.dayCardsLaterGenuine(),
                    b.dayCardsLaterNotPresent()));
        }
        return out.toString();
    }

    private static Map<String, ShopDay> ranked(Map<String, int[]> counts, Map<LocalDate, int[]> byDay) {
        List<ShopDay> all = new ArrayList<>();
        counts.forEach((shopDay, c) -> {
            int bar = shopDay.indexOf('|');
            LocalDate day = LocalDate.parse(shopDay.substring(bar + 1));
            int[] d = byDay.get(day);
            double dayShare = (double) d[1] / d[0];
            all.add(new ShopDay(
                    shopDay.substring(0, bar), day, c[0], c[1], dayShare, (c[1] + 1) / (c[0] * dayShare + 1), 0, 0));
        });
        all.sort(Comparator.comparingDouble(ShopDay::lift)
                .reversed()
                .thenComparing(ShopDay::merchantId)
                .thenComparing(ShopDay::day));
        Map<String, ShopDay> ranked = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            ShopDay d = all.get(i);
            ranked.put(
                    key(d.merchantId(), d.day()),
                    new ShopDay(
                            d.merchantId(),
                            d.day(),
                            d.visitors(),
                            d.defrauded(),
                            d.dayShare(),
                            d.lift(),
                            i + 1,
                            all.size()));
        }
        return ranked;
    }

    /** A fraud after the visit whose chargeback has arrived by {@code asOf}. */
    private static boolean defraudedAfter(List<Instant[]> frauds, Instant visit, Instant asOf) {
        return frauds != null && frauds.stream().anyMatch(f -> f[0].isAfter(visit) && !f[1].isAfter(asOf));
    }

    private static LocalDate day(Instant t) {
        return t.atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static String key(String shop, LocalDate day) {
        return shop + "|" + day;
    }
}
