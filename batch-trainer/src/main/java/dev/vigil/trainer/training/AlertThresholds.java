package dev.vigil.trainer.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Review and decline thresholds from a candidate's evaluation scores, so that the live alert rate is
 * known before the model goes live: the scorer alerts when the rules or the model say so, hence the
 * review threshold leaves room for the rules' own alerts within the budget.
 */
final class AlertThresholds {

    private AlertThresholds() {}

    /**
     * The lowest threshold at which the rules' alerts and the scores at or above it (of the rows the
     * rules let through) together alert on at most {@code budget} of all rows. Above every score
     * when the rules alone use up the budget.
     *
     * @param scores      every evaluation row's score
     * @param rulesAlert  per row, whether the rules alone alert on it
     */
    static double review(double[] scores, boolean[] rulesAlert, double budget) {
        int rulesAlerts = 0;
        for (boolean alert : rulesAlert) {
            rulesAlerts += alert ? 1 : 0;
        }
        double[] others = new double[scores.length - rulesAlerts];
        for (int i = 0, j = 0; i < scores.length; i++) {
            if (!rulesAlert[i]) {
                others[j++] = scores[i];
            }
        }
        return flagging(others, (long) Math.floor(budget * scores.length) - rulesAlerts);
    }

    /**
     * The {@link #review} threshold that keeps every day's alerts within the budget, not only the window's on
     * average: the highest of the window's and each day's own. A budget is what an analyst team can work in a
     * day, and a window's average hides its busier days; the live day can be any of them.
     *
     * @param days per row, its day (any number that is equal for rows of one day)
     */
    static double reviewEveryDay(double[] scores, boolean[] rulesAlert, long[] days, double budget) {
        Map<Long, List<Integer>> byDay = new TreeMap<>();
        for (int i = 0; i < scores.length; i++) {
            byDay.computeIfAbsent(days[i], d -> new ArrayList<>()).add(i);
        }
        double threshold = review(scores, rulesAlert, budget);
        for (List<Integer> rows : byDay.values()) {
            double[] dayScores = new double[rows.size()];
            boolean[] dayRules = new boolean[rows.size()];
            for (int j = 0; j < dayScores.length; j++) {
                dayScores[j] = scores[rows.get(j)];
                dayRules[j] = rulesAlert[rows.get(j)];
            }
            threshold = Math.max(threshold, review(dayScores, dayRules, budget));
        }
        return threshold;
    }

    /**
     * The lowest score among the top {@code share} of {@code scores}: ties with it are declined too, so a
     * model whose top scores are tied declines more than the share (the review threshold, never above it,
     * then alerts on more than the budget, and the gate says so).
     */
    static double decline(double[] scores, double share) {
        if (scores.length == 0) {
            return 1.0;
        }
        double[] ascending = scores.clone();
        Arrays.sort(ascending);
        int index = (int) Math.floor(ascending.length * (1 - share));
        return ascending[Math.min(Math.max(index, 0), ascending.length - 1)];
    }

    /** The lowest threshold with at most {@code allowed} scores at or above it (ties all in or all out: the budget holds). */
    private static double flagging(double[] scores, long allowed) {
        double[] ascending = scores.clone();
        Arrays.sort(ascending);
        if (ascending.length == 0) {
            return 1.0;
        }
        if (allowed >= ascending.length) {
            return ascending[0];
        }
        // the first score left out; everything strictly above it fits in what is allowed (a bundle's
        // thresholds stay within [0, 1], so ties at 1.0 are flagged and the gate's alert-rate check sees them)
        double firstOut = ascending[ascending.length - 1 - (int) Math.max(allowed, 0)];
        return Math.min(1.0, Math.nextUp(firstOut));
    }
}
