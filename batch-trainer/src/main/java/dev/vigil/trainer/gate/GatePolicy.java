package dev.vigil.trainer.gate;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * What a candidate must show on its evaluation window before it may be published, whatever the
 * champion: a window big enough to mean something, recall above the rules alone at their alert rate
 * or the budget's, whichever is higher, and an alert rate at its own thresholds within the alert budget. "No champion to beat" passes
 * none of these by itself.
 *
 * <p>Recall at an alert rate rather than average precision: a bank pays for alerts, so the question is
 * whether the analysts' workload catches more fraud with the model than without it. When the rules raise
 * fewer alerts than the budget allows, the model is measured at the budget it will be given: recall at a
 * handful of alerts says nothing of it.
 *
 * @param minTransactions  evaluation transactions the window must hold
 * @param minFrauds        labelled frauds the window must hold (the trainer's {@code --min-frauds})
 * @param minSpan          time from the window's first to its last transaction (one busy hour is no evidence)
 * @param marginOverRules  recall the model must gain over the rules ({@link GateEvidence#comparedAlerts})
 * @param alertBudget      share of transactions that may be alerted: the scorer's
 *                         {@code VIGIL_SCORER_ALERT_BUDGET}, read from the same variable
 */
public record GatePolicy(
        long minTransactions, long minFrauds, Duration minSpan, double marginOverRules, double alertBudget) {

    public GatePolicy {
        if (!(alertBudget > 0 && alertBudget < 1)) {
            throw new IllegalArgumentException("the alert budget must be a share in (0, 1): " + alertBudget);
        }
    }

    /** The first condition {@code evidence} fails, worded for the short report; empty when it meets them all. */
    Optional<String> refusal(GateEvidence evidence) {
        if (evidence.transactions() < minTransactions) {
            return refused(
                    "the evaluation window holds %d transactions, fewer than %d",
                    evidence.transactions(), minTransactions);
        }
        if (evidence.frauds() < minFrauds) {
            return refused(
                    "the evaluation window holds %d labelled frauds, fewer than %d", evidence.frauds(), minFrauds);
        }
        if (evidence.span().compareTo(minSpan) < 0) {
            return refused("the evaluation window's transactions span %s, less than %s", evidence.span(), minSpan);
        }
        if (evidence.modelRecall() < evidence.rulesRecall() + marginOverRules) {
            return refused(
                    "recall %.4f at alert rate %.4f does not beat the rules' recall %.4f by %.4f",
                    evidence.modelRecall(), evidence.comparedRate(), evidence.rulesRecall(), marginOverRules);
        }
        if (evidence.alertRate() > alertBudget) {
            return refused(
                    "alert rate %.4f at its thresholds (rules included) exceeds the alert budget %.4f",
                    evidence.alertRate(), alertBudget);
        }
        return Optional.empty();
    }

    private static Optional<String> refused(String format, Object... args) {
        return Optional.of(String.format(Locale.ROOT, format, args));
    }
}
