package dev.vigil.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AlertThresholdsTest {

    /** 1,000 distinct scores 0.000, 0.001, ..., 0.999. */
    static double[] scores() {
        double[] scores = new double[1000];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = i / 1000.0;
        }
        return scores;
    }

    @Test
    void reviewLeavesRoomForTheRulesAlertsWithinTheBudget() {
        double[] scores = scores();
        boolean[] rules = new boolean[scores.length];
        // the rules alert on 4 low-scored rows: 6 of the budget's 10 are left to the model
        rules[0] = rules[1] = rules[2] = rules[3] = true;

        double review = AlertThresholds.review(scores, rules, 0.01);

        assertThat(alerted(scores, rules, review)).isEqualTo(10);
        assertThat(review).isGreaterThan(0.993).isLessThanOrEqualTo(0.994);
    }

    @Test
    void reviewEveryDayKeepsTheBusiestDayWithinTheBudget() {
        // two days of 1,000 rows: the first's scores spread, the second's 30 highest above all of the first's
        double[] scores = new double[2000];
        long[] days = new long[2000];
        for (int i = 0; i < 1000; i++) {
            scores[i] = i / 2000.0;
            scores[1000 + i] = i < 970 ? 0.1 : 0.9 + i / 100_000.0;
            days[1000 + i] = 1;
        }
        boolean[] noRules = new boolean[scores.length];

        double wholeWindow = AlertThresholds.review(scores, noRules, 0.01);
        double everyDay = AlertThresholds.reviewEveryDay(scores, noRules, days, 0.01);

        // over the window, 20 alerts, all on the second day (twice its budget); every day: at most 10 a day
        assertThat(alerted(scores, noRules, wholeWindow)).isEqualTo(20);
        assertThat(alerted(scores, noRules, everyDay)).isEqualTo(10);
        assertThat(everyDay).isGreaterThan(wholeWindow);
    }

    @Test
    void chosenThresholdsNeverReviewAboveDeclineAndDescribeTheScoresTheyWereSetOn() {
        double[] scores = scores();
        boolean[] noRules = new boolean[scores.length];

        AlertThresholds.Chosen wide = AlertThresholds.of(scores, noRules, new long[scores.length], 0.01, 0.002);
        // decline: the top 2; review: the top 10, the budget
        assertThat(wide.decline()).isEqualTo(0.998);
        assertThat(alerted(scores, noRules, wide.review())).isEqualTo(10);
        assertThat(wide.reviewShare()).isEqualTo(0.01);
        assertThat(wide.p50()).isEqualTo(0.5);
        assertThat(wide.p95()).isEqualTo(0.95);

        // a decline share above the budget: review comes down to decline, and the share says so
        AlertThresholds.Chosen narrow = AlertThresholds.of(scores, noRules, new long[scores.length], 0.01, 0.05);
        assertThat(narrow.review()).isEqualTo(narrow.decline()).isEqualTo(0.95);
        assertThat(narrow.reviewShare()).isEqualTo(0.05);
    }

    @Test
    void reviewEveryDayStillHoldsTheWindowWhenTheRulesAloneExceedADaysShare() {
        // two days of 1,000 rows, the first's scores all below the second's; on the first the rules alert on 15
        // (its share is 10), so its own threshold is above its scores but not above the second day's
        double[] scores = new double[2000];
        long[] days = new long[2000];
        boolean[] rules = new boolean[2000];
        for (int i = 0; i < 1000; i++) {
            scores[i] = i / 2000.0;
            scores[1000 + i] = 0.5 + i / 2000.0;
            days[1000 + i] = 1;
            rules[i] = i < 15;
        }

        double everyDay = AlertThresholds.reviewEveryDay(scores, rules, days, 0.01);

        // the second day alone would take its 10; the window's 20 leave the model 5 beside the rules' 15
        assertThat(alerted(scores, rules, everyDay)).isEqualTo(20);
    }

    @Test
    void reviewIsAboveEveryScoreWhenTheRulesUseUpTheBudget() {
        double[] scores = scores();
        boolean[] rules = new boolean[scores.length];
        for (int i = 0; i < 12; i++) {
            rules[i] = true;
        }
        double review = AlertThresholds.review(scores, rules, 0.01);
        assertThat(alerted(scores, new boolean[scores.length], review)).isZero();
    }

    @Test
    void reviewFlagsTiesAllOrNoneSoTheBudgetIsNeverExceeded() {
        double[] scores = new double[100];
        for (int i = 95; i < 100; i++) {
            scores[i] = 0.7; // five tied at the top, only two allowed
        }
        boolean[] noRules = new boolean[scores.length];
        assertThat(alerted(scores, noRules, AlertThresholds.review(scores, noRules, 0.02)))
                .isZero();
        assertThat(alerted(scores, noRules, AlertThresholds.review(scores, noRules, 0.05)))
                .isEqualTo(5);
    }

    @Test
    void declineIsTheLowestScoreOfTheTopShareTiesIncluded() {
        double[] scores = scores();
        assertThat(AlertThresholds.decline(scores, 0.002)).isEqualTo(0.998);
        double[] tied = new double[100];
        for (int i = 95; i < 100; i++) {
            tied[i] = 0.7;
        }
        assertThat(AlertThresholds.decline(tied, 0.02)).isEqualTo(0.7);
    }

    @Test
    void staysWithinOneEvenWhenScoresReachIt() {
        double[] scores = {1.0, 1.0, 0.2, 0.1};
        assertThat(AlertThresholds.decline(scores, 0.25)).isEqualTo(1.0);
    }

    private static long alerted(double[] scores, boolean[] rules, double threshold) {
        long alerted = 0;
        for (int i = 0; i < scores.length; i++) {
            alerted += rules[i] || scores[i] >= threshold ? 1 : 0;
        }
        return alerted;
    }
}
