package dev.vigil.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.features.rules.RulesConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Offline scores and the fold use the scorer's rule thresholds and dedup retention as constants
 * ({@code RulesConfig.DEFAULTS}, {@link TrainingConfig#SCORER_DEDUP_RETENTION}); the scorer reads its own
 * from {@code application.properties}. This fails when one side changes without the other.
 */
class ScorerDefaultsTest {

    private static final Path SCORER_PROPERTIES = Path.of("../realtime-scorer/src/main/resources/application.properties");

    @Test
    void theScorersRuleThresholdsAndDedupRetentionAreTheOnesOfflineScoringUses() throws IOException {
        Properties scorer = new Properties();
        try (Reader in = Files.newBufferedReader(SCORER_PROPERTIES)) {
            scorer.load(in);
        }

        RulesConfig configured = new RulesConfig(
                Integer.parseInt(rule(scorer, "min-history")), Double.parseDouble(rule(scorer, "amount-ratio")),
                Double.parseDouble(rule(scorer, "amount-z-score")),
                Integer.parseInt(rule(scorer, "burst-transactions")),
                Double.parseDouble(rule(scorer, "amount-contribution")),
                Double.parseDouble(rule(scorer, "burst-contribution")),
                Double.parseDouble(rule(scorer, "new-country-contribution")),
                Double.parseDouble(rule(scorer, "review-at")), Double.parseDouble(rule(scorer, "decline-at")));

        assertThat(configured).isEqualTo(RulesConfig.DEFAULTS);
        assertThat(Duration.parse(value(scorer, "vigil.scorer.dedup-retention")))
                .isEqualTo(TrainingConfig.SCORER_DEDUP_RETENTION);
    }

    private static String rule(Properties scorer, String name) {
        return value(scorer, "vigil.scorer.rules." + name);
    }

    /** A value, or the default of a {@code ${VARIABLE:default}} expression. */
    private static String value(Properties scorer, String key) {
        String raw = scorer.getProperty(key);
        assertThat(raw).as(key).isNotNull();
        return raw.startsWith("${") ? raw.substring(raw.indexOf(':') + 1, raw.length() - 1) : raw.trim();
    }
}
