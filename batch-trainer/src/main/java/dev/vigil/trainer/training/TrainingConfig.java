package dev.vigil.trainer.training;

import dev.vigil.trainer.risk.RiskClock;
import java.time.Duration;

/**
 * How a training run splits time and sizes its models.
 *
 * @param train            length of the training window
 * @param delay            gap between training and test windows (how long fraud takes to be reported)
 * @param test             length of the test window the metrics (and the gate) are measured on
 * @param precisionK       k of card precision at k per day
 * @param reviewShare      the alert budget: share of test transactions the rules and the exported review
 *                         threshold together alert on ({@link AlertThresholds#review})
 * @param declineShare     share of test transactions the exported decline threshold flags
 * @param grid             the learners and hyper-parameters model selection tries
 * @param folds            how many time-ordered folds each setting is fitted and validated on: the evaluation
 *                         window and the {@code folds - 1} test-window-long steps before it ({@link ModelSelection})
 * @param seed             seed of every randomised learner, for reproducible runs
 * @param minFrauds        labelled frauds the training and the test window must each hold, or no model is trained
 * @param merchantRisk     when the merchant risk folded with each transaction is evaluated (label delay, interval);
 *                         its label delay also places the evaluation window ({@link TrainingWindows})
 * @param dedupRetention   how long, in stream time, the scorer remembers a transaction id (its
 *                         {@code vigil.scorer.dedup-retention}): a retry within it is not folded
 * @param genuineSample    share of the training windows' genuine transactions the learners are fitted on,
 *                         every labelled fraud kept (1: all); evaluation always scores every transaction
 */
public record TrainingConfig(
        Duration train,
        Duration delay,
        Duration test,
        int precisionK,
        double reviewShare,
        double declineShare,
        Grid grid,
        int folds,
        long seed,
        long minFrauds,
        RiskClock merchantRisk,
        Duration dedupRetention,
        double genuineSample) {

    /** The scorer's default dedup retention ({@code vigil.scorer.dedup-retention=P1D}). */
    public static final Duration SCORER_DEDUP_RETENTION = Duration.ofDays(1);

    public TrainingConfig {
        if (folds < 1) {
            throw new IllegalArgumentException("folds must be at least 1, not " + folds);
        }
        if (!(genuineSample > 0 && genuineSample <= 1)) {
            throw new IllegalArgumentException(
                    "the genuine sample must be above 0 and at most 1, it is " + genuineSample);
        }
    }

    /** One setting per learner (a forest, boosted trees of the same depth, a logistic regression), one fold. */
    public TrainingConfig(
            Duration train,
            Duration delay,
            Duration test,
            int precisionK,
            double reviewShare,
            double declineShare,
            int forestTrees,
            int treeDepth,
            int boostingRounds,
            long seed,
            long minFrauds,
            RiskClock merchantRisk) {
        this(
                train,
                delay,
                test,
                precisionK,
                reviewShare,
                declineShare,
                Grid.parse(String.format(
                        java.util.Locale.ROOT,
                        "lr;rf:trees=%d,depth=%d;gbt:rounds=%d,depth=%d",
                        forestTrees,
                        treeDepth,
                        boostingRounds,
                        treeDepth)),
                1,
                seed,
                minFrauds,
                merchantRisk,
                SCORER_DEDUP_RETENTION,
                1);
    }

    public static TrainingConfig defaults() {
        return new TrainingConfig(
                Duration.ofDays(21),
                Duration.ofDays(7),
                Duration.ofDays(7),
                100,
                0.01,
                0.002,
                Grid.parse(Grid.DEFAULT),
                3,
                7L,
                20,
                RiskClock.of(Duration.ofDays(7), RiskClock.DAY),
                SCORER_DEDUP_RETENTION,
                1);
    }

    /** The windows of a run at {@code reference}, the evaluation ending the merchant risk's label delay before it. */
    public TrainingWindows windowsAt(java.time.Instant reference) {
        return TrainingWindows.at(reference, train, delay, test, merchantRisk.labelDelay());
    }

    public TrainingConfig withDedupRetention(Duration dedupRetention) {
        return new TrainingConfig(
                train,
                delay,
                test,
                precisionK,
                reviewShare,
                declineShare,
                grid,
                folds,
                seed,
                minFrauds,
                merchantRisk,
                dedupRetention,
                genuineSample);
    }

    public TrainingConfig withWindows(Duration train, Duration delay, Duration test) {
        return new TrainingConfig(
                train,
                delay,
                test,
                precisionK,
                reviewShare,
                declineShare,
                grid,
                folds,
                seed,
                minFrauds,
                merchantRisk,
                dedupRetention,
                genuineSample);
    }

    public TrainingConfig withReviewShare(double reviewShare) {
        return new TrainingConfig(
                train,
                delay,
                test,
                precisionK,
                reviewShare,
                declineShare,
                grid,
                folds,
                seed,
                minFrauds,
                merchantRisk,
                dedupRetention,
                genuineSample);
    }

    public TrainingConfig withMinFrauds(long minFrauds) {
        return new TrainingConfig(
                train,
                delay,
                test,
                precisionK,
                reviewShare,
                declineShare,
                grid,
                folds,
                seed,
                minFrauds,
                merchantRisk,
                dedupRetention,
                genuineSample);
    }

    /** Model selection's grid and folds, and the share of genuine training rows the fits see. */
    public TrainingConfig withSelection(Grid grid, int folds, double genuineSample) {
        return new TrainingConfig(
                train,
                delay,
                test,
                precisionK,
                reviewShare,
                declineShare,
                grid,
                folds,
                seed,
                minFrauds,
                merchantRisk,
                dedupRetention,
                genuineSample);
    }

    public TrainingConfig withMerchantRisk(RiskClock merchantRisk) {
        return new TrainingConfig(
                train,
                delay,
                test,
                precisionK,
                reviewShare,
                declineShare,
                grid,
                folds,
                seed,
                minFrauds,
                merchantRisk,
                dedupRetention,
                genuineSample);
    }
}
