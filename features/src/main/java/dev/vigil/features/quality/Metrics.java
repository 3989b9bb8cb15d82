package dev.vigil.features.quality;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Test-window metrics of scored, labelled transactions: plain functions over plain arrays. */
public final class Metrics {

    /** One scored test transaction: its card, the UTC day of its event, the score and whether it was fraud. */
    public record Scored(String cardToken, LocalDate day, double score, boolean fraud) {
    }

    private Metrics() {
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
     * least as high (tied scores form one threshold). 0 without frauds.
     */
    public static double averagePrecision(List<Scored> scored) {
        Scored[] sorted = scored.toArray(Scored[]::new);
        Arrays.sort(sorted, Comparator.comparingDouble(Scored::score).reversed());
        long positives = scored.stream().filter(Scored::fraud).count();
        if (positives == 0) {
            return 0;
        }
        double sum = 0;
        long truePositives = 0;
        int i = 0;
        while (i < sorted.length) {
            int j = i;
            long newPositives = 0;
            while (j < sorted.length && sorted[j].score() == sorted[i].score()) {
                if (sorted[j].fraud()) {
                    newPositives++;
                }
                j++;
            }
            truePositives += newPositives;
            sum += newPositives * ((double) truePositives / j);
            i = j;
        }
        return sum / positives;
    }

    /**
     * Card precision at k, averaged over the days of the window: each day, cards ranked by their
     * highest score that day; the share of the top k that had a fraud that day. A day with fewer
     * than k cards is judged on all of them.
     */
    public static double cardPrecisionAtK(List<Scored> scored, int k) {
        Map<LocalDate, Map<String, double[]>> byDay = new HashMap<>();
        for (Scored s : scored) {
            double[] cell = byDay.computeIfAbsent(s.day(), d -> new HashMap<>())
                    .computeIfAbsent(s.cardToken(), c -> new double[] {Double.NEGATIVE_INFINITY, 0});
            cell[0] = Math.max(cell[0], s.score());
            if (s.fraud()) {
                cell[1] = 1;
            }
        }
        if (byDay.isEmpty()) {
            return 0;
        }
        double total = 0;
        for (Map<String, double[]> cards : byDay.values()) {
            List<Map.Entry<String, double[]>> ranked = new ArrayList<>(cards.entrySet());
            // ties broken by card token so the metric is reproducible
            ranked.sort(Comparator.<Map.Entry<String, double[]>>comparingDouble(e -> -e.getValue()[0])
                    .thenComparing(Map.Entry::getKey));
            int top = Math.min(k, ranked.size());
            long compromised = ranked.subList(0, top).stream().filter(e -> e.getValue()[1] == 1).count();
            total += (double) compromised / top;
        }
        return total / byDay.size();
    }
}
