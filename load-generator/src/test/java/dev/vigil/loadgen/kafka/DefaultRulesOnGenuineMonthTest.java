package dev.vigil.loadgen.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.Decision;
import dev.vigil.events.Transaction;
import dev.vigil.features.CardFeatures;
import dev.vigil.features.CardProfile;
import dev.vigil.features.rules.ReasonCode;
import dev.vigil.features.rules.RiskScore;
import dev.vigil.features.rules.RuleReason;
import dev.vigil.features.rules.RulesConfig;
import dev.vigil.features.rules.RulesScorer;
import dev.vigil.loadgen.population.Population;
import dev.vigil.loadgen.scenario.GenuineDays;
import dev.vigil.loadgen.scenario.SimTransaction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The calibration of the default rules ({@link RulesConfig#DEFAULTS}): a month of the simulated
 * population's genuine purchases (10,000 cards, 30 days, in event time), recorded as ingest records
 * them ({@link KafkaRecords#transaction}) and folded card by card through {@link CardFeatures} and
 * the rules, as the scorer does. Genuine traffic alone must raise at most 0.5 % alerts. Pure Java: no
 * broker, a few seconds.
 */
class DefaultRulesOnGenuineMonthTest {

    static final long SEED = 16;
    static final int CARDS = 10_000;
    static final int DAYS = 30;
    static final int BANKS = 3;
    static final Instant FIRST_DAY = Instant.parse("2026-10-01T00:00:00Z");
    static final double MAX_ALERT_RATE = 0.005;

    @Test
    void theDefaultRulesAlertOnAtMostHalfAPercentOfAGenuineMonth() {
        Population population = Population.generate(new SplittableRandom(SEED), CARDS, BANKS);
        GenuineDays month = new GenuineDays(population, FIRST_DAY, DAYS, SEED, "calibration");
        RulesScorer rules = new RulesScorer(RulesConfig.DEFAULTS);
        Map<String, CardProfile> profiles = new HashMap<>();
        Map<ReasonCode, Long> byReason = new EnumMap<>(ReasonCode.class);
        long scored = 0;
        long alerts = 0;
        while (month.hasNext()) {
            SimTransaction sim = month.next();
            String token = token(sim.pan());
            Transaction tx = KafkaRecords.transaction(sim, token, sim.eventTime());
            CardFeatures.Step step = CardFeatures.next(profiles.getOrDefault(token, CardProfile.EMPTY), tx, null);
            profiles.put(token, step.profile());
            RiskScore score = rules.score(step.features());
            scored++;
            if (score.decision() != Decision.APPROVE) {
                alerts++;
            }
            for (RuleReason reason : score.reasons()) {
                byReason.merge(reason.code(), 1L, Long::sum);
            }
        }

        double rate = (double) alerts / scored;
        System.out.printf(Locale.ROOT, "default rules on a genuine month (%d cards, %d days, seed %d): %d of %d alerted = %.3f %%%n",
                CARDS, DAYS, SEED, alerts, scored, 100 * rate);
        for (ReasonCode code : ReasonCode.values()) {
            long fired = byReason.getOrDefault(code, 0L);
            if (fired > 0) {
                System.out.printf(Locale.ROOT, "  %-26s %7d = %.3f %% of transactions%n", code, fired, 100.0 * fired / scored);
            }
        }
        assertThat(scored).as("a few purchases per card and day").isBetween(CARDS * DAYS * 2L, CARDS * DAYS * 4L);
        assertThat(rate).as("share of genuine transactions alerted").isLessThanOrEqualTo(MAX_ALERT_RATE);
    }

    /** Stands in for ingest's keyed token: the card number stays in this process's memory only. */
    private static String token(String pan) {
        return "tok-" + UUID.nameUUIDFromBytes(pan.getBytes(StandardCharsets.UTF_8));
    }
}
