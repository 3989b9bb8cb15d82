package dev.vigil.trainer.gate;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * A candidate's evaluation window reduced to what {@link GatePolicy} judges: its size, the rules'
 * alerts and recall, the candidate's recall at their alert rate or the budget's, and the share the candidate
 * alerts at its review threshold with the rules beside it (as the scorer decides: either one alerts).
 *
 * @param comparedAlerts       how many alerts the comparison allows: the rules' own, or the budget's share
 *                             when the rules raise fewer (recall at a handful of alerts says nothing of a
 *                             model that will be allowed the budget; the rules are measured at their own)
 * @param rulesCaught          frauds the rules alert on
 * @param modelCaught          frauds among the candidate's {@code comparedAlerts} highest scores
 * @param alerts               transactions the rules or the candidate's review threshold alert on
 */
public record GateEvidence(
        long transactions,
        long frauds,
        Duration span,
        long rulesAlerts,
        long comparedAlerts,
        long rulesCaught,
        long modelCaught,
        long alerts) {

    /** One evaluation transaction: its label, the candidate's score and whether the rules alone alert on it. */
    public record Scored(Instant eventTime, boolean fraud, double score, boolean rulesAlert) {}

    /** The evidence of {@code rows} for a candidate whose review threshold is {@code reviewThreshold}. */
    static GateEvidence of(List<Scored> rows, double reviewThreshold, double alertBudget) {
        long transactions = rows.size();
        long frauds = rows.stream().filter(Scored::fraud).count();
        Duration span = rows.isEmpty()
                ? Duration.ZERO
                : Duration.between(
                        rows.stream()
                                .map(Scored::eventTime)
                                .min(Comparator.naturalOrder())
                                .orElseThrow(),
                        rows.stream()
                                .map(Scored::eventTime)
                                .max(Comparator.naturalOrder())
                                .orElseThrow());
        long rulesAlerts = rows.stream().filter(Scored::rulesAlert).count();
        long rulesCaught =
                rows.stream().filter(r -> r.rulesAlert() && r.fraud()).count();
        long compared = Math.max(rulesAlerts, (long) Math.floor(alertBudget * transactions));
        // equal scores: genuine ones first, so a model that cannot tell its top apart gets no credit for luck
        long modelCaught = rows.stream()
                .sorted(Comparator.comparingDouble(Scored::score).reversed().thenComparing(Scored::fraud))
                .limit(compared)
                .filter(Scored::fraud)
                .count();
        long alerts = rows.stream()
                .filter(r -> r.rulesAlert() || r.score() >= reviewThreshold)
                .count();
        return new GateEvidence(transactions, frauds, span, rulesAlerts, compared, rulesCaught, modelCaught, alerts);
    }

    public double rulesRecall() {
        return frauds == 0 ? 0 : (double) rulesCaught / frauds;
    }

    public double modelRecall() {
        return frauds == 0 ? 0 : (double) modelCaught / frauds;
    }

    /** The alert rate recall is compared at. */
    public double comparedRate() {
        return transactions == 0 ? 0 : (double) comparedAlerts / transactions;
    }

    public double alertRate() {
        return transactions == 0 ? 0 : (double) alerts / transactions;
    }
}
