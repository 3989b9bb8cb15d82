package dev.vigil.trainer;

import java.time.Duration;
import java.util.List;

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
 * @param forestTrees      random-forest size
 * @param treeDepth        depth of forest and boosted trees
 * @param boostingRounds   gradient-boosting iterations
 * @param seed             seed of every randomised learner, for reproducible runs
 * @param minFrauds        labelled frauds the training and the test window must each hold, or no model is trained
 * @param merchantRisk     when the merchant risk folded with each transaction is evaluated (label delay, interval);
 *                         its label delay also places the evaluation window ({@link TrainingWindows})
 * @param dedupRetention   how long, in stream time, the scorer remembers a transaction id (its
 *                         {@code vigil.scorer.dedup-retention}): a retry within it is not folded
 * @param learners         the candidates fitted and ranked (all three by default)
 * @param genuineSample    share of the training windows' genuine transactions the learners are fitted on,
 *                         every labelled fraud kept (1: all); evaluation always scores every transaction
 */
record TrainingConfig(Duration train, Duration delay, Duration test, int precisionK, double reviewShare,
        double declineShare, int forestTrees, int treeDepth, int boostingRounds, long seed, long minFrauds,
        RiskClock merchantRisk, Duration dedupRetention, List<Learner> learners, double genuineSample) {

    TrainingConfig {
        learners = List.copyOf(learners);
        if (learners.isEmpty()) {
            throw new IllegalArgumentException("at least one learner");
        }
        if (!(genuineSample > 0 && genuineSample <= 1)) {
            throw new IllegalArgumentException("the genuine sample must be above 0 and at most 1, it is " + genuineSample);
        }
    }

    /** The scorer's default dedup retention ({@code vigil.scorer.dedup-retention=P1D}). */
    static final Duration SCORER_DEDUP_RETENTION = Duration.ofDays(1);

    TrainingConfig(Duration train, Duration delay, Duration test, int precisionK, double reviewShare,
            double declineShare, int forestTrees, int treeDepth, int boostingRounds, long seed, long minFrauds,
            RiskClock merchantRisk) {
        this(train, delay, test, precisionK, reviewShare, declineShare, forestTrees, treeDepth, boostingRounds, seed,
                minFrauds, merchantRisk, SCORER_DEDUP_RETENTION, List.of(Learner.values()), 1);
    }

    static TrainingConfig defaults() {
        return new TrainingConfig(Duration.ofDays(21), Duration.ofDays(7), Duration.ofDays(7), 100, 0.01, 0.002,
                30, 5, 20, 7L, 20, RiskClock.of(Duration.ofDays(7), RiskClock.DAY));
    }

    /** The windows of a run at {@code reference}, the evaluation ending the merchant risk's label delay before it. */
    TrainingWindows windowsAt(java.time.Instant reference) {
        return TrainingWindows.at(reference, train, delay, test, merchantRisk.labelDelay());
    }

    TrainingConfig withDedupRetention(Duration dedupRetention) {
        return new TrainingConfig(train, delay, test, precisionK, reviewShare, declineShare, forestTrees, treeDepth,
                boostingRounds, seed, minFrauds, merchantRisk, dedupRetention, learners, genuineSample);
    }

    TrainingConfig withWindows(Duration train, Duration delay, Duration test) {
        return new TrainingConfig(train, delay, test, precisionK, reviewShare, declineShare, forestTrees, treeDepth,
                boostingRounds, seed, minFrauds, merchantRisk, dedupRetention, learners, genuineSample);
    }

    TrainingConfig withReviewShare(double reviewShare) {
        return new TrainingConfig(train, delay, test, precisionK, reviewShare, declineShare, forestTrees, treeDepth,
                boostingRounds, seed, minFrauds, merchantRisk, dedupRetention, learners, genuineSample);
    }

    TrainingConfig withMinFrauds(long minFrauds) {
        return new TrainingConfig(train, delay, test, precisionK, reviewShare, declineShare, forestTrees, treeDepth,
                boostingRounds, seed, minFrauds, merchantRisk, dedupRetention, learners, genuineSample);
    }

    TrainingConfig withLearners(List<Learner> learners, double genuineSample) {
        return new TrainingConfig(train, delay, test, precisionK, reviewShare, declineShare, forestTrees, treeDepth,
                boostingRounds, seed, minFrauds, merchantRisk, dedupRetention, learners, genuineSample);
    }

    TrainingConfig withMerchantRisk(RiskClock merchantRisk) {
        return new TrainingConfig(train, delay, test, precisionK, reviewShare, declineShare, forestTrees, treeDepth,
                boostingRounds, seed, minFrauds, merchantRisk, dedupRetention, learners, genuineSample);
    }
}
