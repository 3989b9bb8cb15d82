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

    /**
     * A fit's thresholds and the distribution of the scores they were set on, which live scores are compared
     * with for drift: the share at or above review (the model's own, rules aside), the median and the 95th
     * percentile.
     */
    record Chosen(double review, double decline, double reviewShare, double p50, double p95) {}

    private AlertThresholds() {}

    /**
     * The thresholds for {@code scores} (one fit's, of rows it was not fitted on): decline flags the top
     * {@code declineShare}; review keeps the rules' and the model's alerts together within {@code budget} on
     * every day ({@link #reviewEveryDay}), and never sits above decline (a declined transaction is alerted
     * too; a decline share that does not fit the budget beside the rules is then the gate's to refuse).
     */
    static Chosen of(double[] scores, boolean[] rulesAlert, long[] days, double budget, double declineShare) {
        double decline = decline(scores, declineShare);
        double review = Math.min(decline, reviewEveryDay(scores, rulesAlert, days, budget));
        double[] ascending = scores.clone();
        Arrays.sort(ascending);
        long atOrAbove = Arrays.stream(ascending).filter(s -> s >= review).count();
        return new Chosen(
                review,
                decline,
                ascending.length == 0 ? 0 : (double) atOrAbove / ascending.length,
                quantile(ascending, 0.5),
                quantile(ascending, 0.95));
    }

    private static double quantile(double[] ascending, double q) {
        return ascending.length == 0
                ? 0
                : ascending[Math.min(ascending.length - 1, (int) Math.floor(q * ascending.length))];
    }

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
     * day, and a window's average hides its busier days; the live day can be any of them. The window's own binds
     * where the rules alone take more than a day's share: that day's threshold then stops the model only on it.
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
