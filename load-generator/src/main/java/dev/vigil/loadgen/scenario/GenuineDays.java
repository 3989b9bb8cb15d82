package dev.vigil.loadgen.scenario;

import dev.vigil.loadgen.population.Cardholder;
import dev.vigil.loadgen.population.Population;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Queue;
import java.util.SplittableRandom;

/**
 * The population's genuine purchases over whole days in EVENT time, as the cards would really make
 * them: each card has its own pace (a few purchases a day, some cards far fewer, a few more) and
 * shops mostly within its usual hours, at the merchants and amounts of its habits ({@link Purchases}).
 * Nothing here reads the wall clock: the caller picks the first day, and the next engineer decides
 * how fast to send it.
 *
 * <p>Transactions come in event-time order (ties by card, then by draw), one day at a time: only the
 * current day's rows are in memory, about {@code cards × 2.5} (25,000 rows for 10,000 cards), plus the
 * population and one pace per card. The same population, seed, start and length give the same rows
 * with the same ids.
 */
public final class GenuineDays implements Iterator<SimTransaction> {

    /** Share of a card's purchases made outside its usual hours (a late taxi, a night-time order). */
    private static final double OFF_HOURS = 0.05;
    /** Median purchases per card and day; each card's own pace is drawn log-normally around it. */
    private static final double MEDIAN_PER_DAY = 2.0;

    private static final double PACE_SPREAD = 0.6;
    private static final double MAX_PER_DAY = 10;

    private final Population population;
    private final SplittableRandom random;
    private final Purchases purchases;
    private final Breaches breaches;
    private final double[] pacePerDay;
    private final Instant start;
    private final int days;
    private final String runId;
    private final Queue<SimTransaction> today = new ArrayDeque<>();
    private int day;
    private long transactions;

    /**
     * @param start first instant of the first day (truncated to the UTC day)
     * @param days  how many days, at least one
     * @param runId part of every transaction id ({@code tx-<runId>-<n>}), so two runs never share ids
     */
    public GenuineDays(Population population, Instant start, int days, long seed, String runId) {
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1: " + days);
        }
        this.population = population;
        this.random = new SplittableRandom(seed);
        this.purchases = new Purchases(population, random);
        this.start = start.truncatedTo(ChronoUnit.DAYS);
        this.days = days;
        this.runId = runId;
        this.pacePerDay = new double[population.cardholders().size()];
        for (int i = 0; i < pacePerDay.length; i++) {
            pacePerDay[i] = Math.min(MAX_PER_DAY, MEDIAN_PER_DAY * Math.exp(random.nextGaussian() * PACE_SPREAD));
        }
        this.breaches = Breaches.schedule(population, this.start, this.start.plus(Duration.ofDays(days)), random);
    }

    /** The purchases the days are made of, for the frauds played beside them. */
    Purchases purchases() {
        return purchases;
    }

    /** The shops breached during these days and the cards they leaked so far (up to the last day planned). */
    Breaches breaches() {
        return breaches;
    }

    /** The card's own pace: purchases it makes on an average day. */
    public double pacePerDay(Cardholder card) {
        return pacePerDay[card.index()];
    }

    @Override
    public boolean hasNext() {
        while (today.isEmpty() && day < days) {
            planDay(day++);
        }
        return !today.isEmpty();
    }

    @Override
    public SimTransaction next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the last simulated day is over");
        }
        return today.remove();
    }

    private void planDay(int index) {
        Instant dayStart = start.plus(Duration.ofDays(index));
        List<Planned> planned = new ArrayList<>();
        for (Cardholder card : population.cardholders()) {
            int count = poisson(pacePerDay[card.index()]);
            for (int i = 0; i < count; i++) {
                planned.add(new Planned(
                        dayStart.plusSeconds(secondOfDay(card)),
                        card.index(),
                        planned.size(),
                        purchases.genuine(card)));
            }
        }
        planned.sort(Comparator.comparing(Planned::at)
                .thenComparingInt(Planned::card)
                .thenComparingInt(Planned::draw));
        for (Planned p : planned) {
            breaches.bought(p.purchase().card(), p.purchase().merchant(), p.at());
            today.add(p.purchase().at("tx-" + runId + "-" + transactions++, p.at(), null));
        }
    }

    /** A second of the day within the card's usual hours, or, now and then, any second. */
    private long secondOfDay(Cardholder card) {
        if (random.nextDouble() < OFF_HOURS) {
            return random.nextLong(Duration.ofDays(1).toSeconds());
        }
        long from = card.activeFrom() * 3600L;
        long until = card.activeUntil() * 3600L;
        return from + random.nextLong(until - from);
    }

    /** Knuth's method: fine for the small means used here. */
    private int poisson(double mean) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            count++;
            product *= random.nextDouble();
        }
        return count;
    }

    private record Planned(Instant at, int card, int draw, Simulator.Purchase purchase) {}
}
