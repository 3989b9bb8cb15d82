package dev.vigil.features.quality;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Test-window metrics of scored, labelled transactions: plain functions over plain lists, shared by
 * the trainer's report and the backtest's, so both measure with one definition. The published
 * protocol (Le Borgne et al., Fraud Detection Handbook) first drops from the test set the cards
 * already known to be compromised ({@link #withoutKnownCompromised}), then measures AUC ROC, average
 * precision and {@link #cardPrecisionAtK card precision at k}.
 */
public final class Metrics {

    /** One scored test transaction: its card, the UTC day of its event, the score and whether it was fraud. */
    public record Scored(String cardToken, LocalDate day, double score, boolean fraud) {}

    /** A point of the precision-recall curve: flagging every transaction scored at or above {@code threshold}. */
    public record PrPoint(double threshold, double precision, double recall) {}

    private Metrics() {}

    /**
     * The test set as published: a card whose fraud was known before a test day, i.e. whose earliest
     * fraud label arrived before the start of that UTC day, has its transactions of that day removed
     * (an investigator has already blocked it; scoring it again measures nothing). With chargebacks
     * arriving 7 days after the fraud this keeps the Handbook's rule: frauds up to the test day minus
     * 8 days are known. The Handbook counts only the frauds from its training window's start on; the
     * caller's map holds the frauds it counts.
     *
     * @param fraudKnownSince per card token, the arrival time of its earliest counted fraud label (cards
     *                        without one absent); labels carry their own time, never a replay's clock
     */
    public static List<Scored> withoutKnownCompromised(List<Scored> scored, Map<String, Instant> fraudKnownSince) {
        List<Scored> kept = new ArrayList<>(scored.size());
        for (Scored s : scored) {
            if (!knownCompromised(s.cardToken(), s.day(), fraudKnownSince)) {
                kept.add(s);
            }
        }
        return kept;
    }

    /** Whether the card's earliest fraud label arrived before the start of {@code day} (UTC): the rule above, per row. */
    public static boolean knownCompromised(String cardToken, LocalDate day, Map<String, Instant> fraudKnownSince) {
        Instant known = fraudKnownSince.get(cardToken);
        return known != null && known.isBefore(day.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /**
     * Area under the ROC curve: the probability that a random fraud scores above a random genuine
     * transaction, ties counting half (Mann-Whitney). NaN without both classes.
     */
    public static double aucRoc(List<Scored> scored) {
        Scored[] sorted = scored.toArray(Scored[]::new);
        Arrays.sort(sorted, Comparator.comparingDouble(Scored::score));
        long positives = scored.stream().filter(Scored::fraud).count();
        long negatives = scored.size() - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        double positiveRankSum = 0;
        int i = 0;
        while (i < sorted.length) {
            int j = i;
            while (j < sorted.length && sorted[j].score() == sorted[i].score()) {
                j++;
            }
            double averageRank = (i + 1 + j) / 2.0; // ranks i+1 .. j
            for (int k = i; k < j; k++) {
                if (sorted[k].fraud()) {
                    positiveRankSum += averageRank;
                }
            }
            i = j;
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /**
     * Average precision: the mean, over frauds, of the precision among all transactions scored at
     * least as high (tied scores form one threshold), i.e. the sum over the curve's points of
     * precision times the recall gained there. 0 without frauds.
     */
    public static double averagePrecision(List<Scored> scored) {
        return areaUnder(precisionRecallCurve(scored));
    }

    /** The sum over a {@link #precisionRecallCurve curve}'s points of precision times the recall gained there. */
    public static double areaUnder(List<PrPoint> curve) {
        double sum = 0;
        double previousRecall = 0;
        for (PrPoint point : curve) {
            sum += (point.recall() - previousRecall) * point.precision();
            previousRecall = point.recall();
        }
        return sum;
    }

    /**
     * One point per distinct score, highest first: precision and recall when every transaction scored
     * at or above it is flagged. Empty without frauds (recall is undefined).
     */
    public static List<PrPoint> precisionRecallCurve(List<Scored> scored) {
        Scored[] sorted = scored.toArray(Scored[]::new);
        Arrays.sort(sorted, Comparator.comparingDouble(Scored::score).reversed());
        long positives = scored.stream().filter(Scored::fraud).count();
        List<PrPoint> curve = new ArrayList<>();
        if (positives == 0) {
            return curve;
        }
        long truePositives = 0;
        int i = 0;
        while (i < sorted.length) {
            int j = i;
            while (j < sorted.length && sorted[j].score() == sorted[i].score()) {
                if (sorted[j].fraud()) {
                    truePositives++;
                }
                j++;
            }
            curve.add(new PrPoint(sorted[i].score(), (double) truePositives / j, (double) truePositives / positives));
            i = j;
        }
        return curve;
    }

    /**
     * Card precision at k, as published: for each UTC day of the window, in order, each card's highest
     * score that day and whether it had a fraud that day; cards ranked by that score (ties by card
     * token, so the metric is reproducible), the top k; the day's precision is the compromised cards
     * among them divided by k (not by the number of cards). Cards found compromised in a day's top k
     * are left out of the following days (an investigator has found them). The mean over the days
     * that have transactions; 0 for none.
     */
    public static double cardPrecisionAtK(List<Scored> scored, int k) {
        Set<String> detected = new HashSet<>();
        double total = 0;
        Map<LocalDate, Map<String, CardDay>> byDay = cardDays(scored);
        for (Map<String, CardDay> cards : byDay.values()) {
            cards.keySet().removeAll(detected);
            List<CardDay> top = topCards(cards, k);
            top.stream().filter(CardDay::fraud).forEach(card -> detected.add(card.cardToken()));
            total += (double) top.stream().filter(CardDay::fraud).count() / k;
        }
        return byDay.isEmpty() ? 0 : total / byDay.size();
    }

    /**
     * Not the published card precision: each day's top min(k, cards) cards judged on all cards, none
     * removed, divided by how many were judged. It stays meaningful on windows with fewer than k cards
     * a day (a short demo), where the published one is bounded by cards / k.
     */
    public static double topCardFraudShareAtK(List<Scored> scored, int k) {
        Map<LocalDate, Map<String, CardDay>> byDay = cardDays(scored);
        double total = 0;
        for (Map<String, CardDay> cards : byDay.values()) {
            List<CardDay> top = topCards(cards, k);
            total += (double) top.stream().filter(CardDay::fraud).count() / top.size();
        }
        return byDay.isEmpty() ? 0 : total / byDay.size();
    }

    /** Alert rate, precision and recall of flagging every transaction scored at or above {@code threshold}. */
    public static Confusion atThreshold(List<Scored> scored, double threshold) {
        return Confusion.count(scored, s -> s.score() >= threshold, Scored::fraud);
    }

    /** A card's day: its highest score and whether any of its transactions that day was fraud. */
    private record CardDay(String cardToken, double maxScore, boolean fraud) {
        CardDay with(Scored s) {
            return new CardDay(cardToken, Math.max(maxScore, s.score()), fraud || s.fraud());
        }
    }

    private static Map<LocalDate, Map<String, CardDay>> cardDays(List<Scored> scored) {
        Map<LocalDate, Map<String, CardDay>> byDay = new TreeMap<>();
        for (Scored s : scored) {
            byDay.computeIfAbsent(s.day(), d -> new HashMap<>())
                    .merge(s.cardToken(), new CardDay(s.cardToken(), s.score(), s.fraud()), (a, b) -> a.with(s));
        }
        return byDay;
    }

    private static List<CardDay> topCards(Map<String, CardDay> cards, int k) {
        return cards.values().stream()
                .sorted(Comparator.comparingDouble(CardDay::maxScore).reversed().thenComparing(CardDay::cardToken))
                .limit(k)
                .toList();
    }
}
