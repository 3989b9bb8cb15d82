package dev.vigil.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.trainer.scorestream.ScoreStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Offline scores and the fold use the scorer's rule thresholds and dedup retention as constants
 * ({@code RulesConfig.DEFAULTS}, {@link TrainingConfig#SCORER_DEDUP_RETENTION}). The rules' defaults
 * have one definition, {@code RulesConfig.DEFAULTS}, which the scorer reads too: its
 * {@code application.properties} must not define them again (a second copy could drift). The dedup
 * retention and the idle-profile expiry (the score-stream's, {@link ScoreStream#SCORER_PROFILE_IDLE_EXPIRY}) are the
 * scorer's own properties. This fails when one side changes without the other.
 */
class ScorerDefaultsTest {

    private static final Path SCORER_PROPERTIES =
            Path.of("../realtime-scorer/src/main/resources/application.properties");

    @Test
    void theScorerKeepsNoCopyOfTheRulesAndItsDedupRetentionIsTheOneOfflineScoringUses() throws IOException {
        Properties scorer = scorerProperties();

        assertThat(scorer.stringPropertyNames())
                .as("rule thresholds set in the scorer's application.properties")
                .noneMatch(key -> key.contains("vigil.scorer.rules."));
        assertThat(Duration.parse(value(scorer, "vigil.scorer.dedup-retention")))
                .isEqualTo(TrainingConfig.SCORER_DEDUP_RETENTION);
    }

    @Test
    void theScoreStreamExpiresIdleProfilesAfterTheScorersPeriod() throws IOException {
        assertThat(Duration.parse(value(scorerProperties(), "vigil.scorer.profile-idle-expiry")))
                .isEqualTo(ScoreStream.SCORER_PROFILE_IDLE_EXPIRY);
    }

    private static Properties scorerProperties() throws IOException {
        Properties scorer = new Properties();
        try (Reader in = Files.newBufferedReader(SCORER_PROPERTIES)) {
            scorer.load(in);
        }
        return scorer;
    }

    /** A value, or the default of a {@code ${VARIABLE:default}} expression. */
    private static String value(Properties scorer, String key) {
        String raw = scorer.getProperty(key);
        assertThat(raw).as(key).isNotNull();
        return raw.startsWith("${") ? raw.substring(raw.indexOf(':') + 1, raw.length() - 1) : raw.trim();
    }
}
