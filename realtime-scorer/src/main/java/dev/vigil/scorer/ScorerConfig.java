package dev.vigil.scorer;

import dev.vigil.features.rules.RulesConfig;
import io.smallrye.config.ConfigMapping;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/** {@code vigil.scorer.*} in application.properties; each key is overridable by its environment variable. */
@ConfigMapping(prefix = "vigil.scorer")
interface ScorerConfig {

    Duration dedupRetention();

    Rules rules();

    Budget budget();

    /** A card profile not updated for this long, in stream time, is deleted. */
    Duration profileIdleExpiry();

    /** How often, in stream time, idle profiles are looked for. */
    Duration profileExpiryScan();

    /** How long an orderly shutdown waits for the stream threads to commit and close. */
    Duration closeTimeout();

    /**
     * Overrides of the default rules, {@link RulesConfig#DEFAULTS} (their one definition, in
     * {@code features}): unset keys keep the default, e.g. {@code VIGIL_SCORER_RULES_BURST_TRANSACTIONS=4}.
     */
    interface Rules {
        OptionalInt minHistory();

        OptionalDouble amountRatio();

        OptionalDouble amountZScore();

        OptionalInt burstTransactions();

        OptionalDouble travelMinKm();

        OptionalDouble travelMinKmh();

        OptionalDouble amountContribution();

        OptionalDouble burstContribution();

        OptionalDouble newCountryContribution();

        OptionalDouble travelContribution();

        OptionalDouble reviewAt();

        OptionalDouble declineAt();
    }

    /** The alert budget ({@link AlertBudget}). */
    interface Budget {
        /** Share of transactions alerted that every scope may reach, e.g. 0.01 = 1 %. */
        double share();

        /** A bank's own budget: {@code vigil.scorer.budget.per-scope."bank-a"=0.02}. */
        Map<String, Double> perScope();

        /** A newly installed model above this live alert rate over a whole window falls back. */
        double ceiling();

        /** Transactions a model must have scored in a scope before its rate can refuse it. */
        int window();
    }

    default ScorerSettings settings(String applicationId) {
        Rules r = rules();
        RulesConfig d = RulesConfig.DEFAULTS;
        RulesConfig rulesConfig = new RulesConfig(
                r.minHistory().orElse(d.minHistory()),
                r.amountRatio().orElse(d.amountRatio()),
                r.amountZScore().orElse(d.amountZScore()),
                r.burstTransactions().orElse(d.burstTransactions()),
                r.travelMinKm().orElse(d.travelMinKm()),
                r.travelMinKmh().orElse(d.travelMinKmh()),
                r.amountContribution().orElse(d.amountContribution()),
                r.burstContribution().orElse(d.burstContribution()),
                r.newCountryContribution().orElse(d.newCountryContribution()),
                r.travelContribution().orElse(d.travelContribution()),
                r.reviewAt().orElse(d.reviewAt()),
                r.declineAt().orElse(d.declineAt()));
        Budget b = budget();
        return new ScorerSettings(
                dedupRetention(),
                rulesConfig,
                applicationId,
                profileIdleExpiry(),
                profileExpiryScan(),
                new AlertBudget(b.share(), b.perScope(), b.ceiling(), b.window()));
    }
}
