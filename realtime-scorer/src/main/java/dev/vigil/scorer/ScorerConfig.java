package dev.vigil.scorer;

import dev.vigil.features.rules.RulesConfig;
import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/** {@code vigil.scorer.*} in application.properties; each key is overridable by its environment variable. */
@ConfigMapping(prefix = "vigil.scorer")
interface ScorerConfig {

    Duration dedupRetention();

    Rules rules();

    /** A card profile not updated for this long, in stream time, is deleted. */
    Duration profileIdleExpiry();

    /** How often, in stream time, idle profiles are looked for. */
    Duration profileExpiryScan();

    /** How long an orderly shutdown waits for the stream threads to commit and close. */
    Duration closeTimeout();

    interface Rules {
        int minHistory();

        double amountRatio();

        double amountZScore();

        int burstTransactions();

        double amountContribution();

        double burstContribution();

        double newCountryContribution();

        double reviewAt();

        double declineAt();
    }

    default ScorerSettings settings(String applicationId) {
        Rules r = rules();
        return new ScorerSettings(dedupRetention(),
                new RulesConfig(r.minHistory(), r.amountRatio(), r.amountZScore(), r.burstTransactions(),
                        r.amountContribution(), r.burstContribution(), r.newCountryContribution(), r.reviewAt(),
                        r.declineAt()),
                applicationId, profileIdleExpiry(), profileExpiryScan());
    }
}
