package dev.vigil.loadgen.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.card.BinCountries;
import dev.vigil.card.CardToken;
import dev.vigil.card.CardTokenizer;
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
import dev.vigil.loadgen.scenario.Scenario;
import dev.vigil.loadgen.scenario.ScenarioRates;
import dev.vigil.loadgen.scenario.SimTransaction;
import dev.vigil.loadgen.scenario.Simulator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The calibration of the default rules ({@link RulesConfig#DEFAULTS}) on the simulated population:
 * transactions recorded as ingest records them ({@link KafkaRecords#transaction}) and folded card by
 * card through {@link CardFeatures} and the rules, as the scorer does. Pure Java: no broker, seconds.
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
        Folding rules = new Folding();

        rules.scoreAll(new GenuineDays(population, FIRST_DAY, DAYS, SEED, "calibration"));

        double rate = (double) rules.alerts / rules.scored;
        System.out.printf(
                Locale.ROOT,
                "default rules on a genuine month (%d cards, %d days, seed %d): %d of %d alerted = %.3f %%%n",
                CARDS,
                DAYS,
                SEED,
                rules.alerts,
                rules.scored,
                100 * rate);
        rules.byReason.forEach((code, fired) -> System.out.printf(
                Locale.ROOT, "  %-26s %7d = %.3f %% of transactions%n", code, fired, 100.0 * fired / rules.scored));
        assertThat(rules.scored).as("a few purchases per card and day").isBetween(CARDS * DAYS * 2L, CARDS * DAYS * 4L);
        assertThat(rate).as("share of genuine transactions alerted").isLessThanOrEqualTo(MAX_ALERT_RATE);
    }

    /**
     * The same rules still catch the obvious: after two genuine weeks, the live simulator's frauds
     * (its default mix, 2.5 % of the traffic, one transaction every 20 seconds across 2,000 cards: about
     * four a card and day, as in the genuine month; at the live `run`'s pace cards burst by themselves).
     * Compromised-merchant fraud is left to merchant risk and the model: nothing in the purchase
     * itself is odd.
     */
    @Test
    void theDefaultRulesCatchTheSimulatorsObviousFraudShapes() {
        Population population = Population.generate(new SplittableRandom(SEED), 2_000, BANKS);
        Folding rules = new Folding();
        rules.scoreAll(new GenuineDays(population, FIRST_DAY, 14, SEED, "history"));
        Simulator live = new Simulator(population, ScenarioRates.defaults(), new SplittableRandom(SEED + 1), "live");
        Map<Scenario, long[]> caught = new EnumMap<>(Scenario.class);
        // a card's genuine purchases after a fraud on it are judged apart: the fraudster moved its last
        // location and its usual, so the holder's next purchase at home may well look impossible
        Set<String> defrauded = new HashSet<>();
        long[] clean = new long[2];
        long[] afterFraud = new long[2];

        Instant at = FIRST_DAY.plus(Duration.ofDays(14)).plus(Duration.ofHours(7));
        for (int i = 0; i < 40_000; i++) {
            at = at.plusSeconds(20);
            SimTransaction tx = live.next(at);
            boolean alerted = rules.score(tx).decision() != Decision.APPROVE;
            long[] counts = tx.isFraud()
                    ? caught.computeIfAbsent(tx.scenario(), s -> new long[2])
                    : defrauded.contains(tx.pan()) ? afterFraud : clean;
            counts[0]++;
            counts[1] += alerted ? 1 : 0;
            if (tx.isFraud()) {
                defrauded.add(tx.pan());
            }
        }

        System.out.printf(
                Locale.ROOT,
                "default rules on the live simulator after two genuine weeks: genuine %.3f %% alerted "
                        + "(%d of %d) on cards never defrauded, %.1f %% (%d of %d) after a fraud on the card%n",
                100.0 * clean[1] / clean[0],
                clean[1],
                clean[0],
                100.0 * afterFraud[1] / afterFraud[0],
                afterFraud[1],
                afterFraud[0]);
        caught.forEach((scenario, counts) -> System.out.printf(
                Locale.ROOT,
                "  %-22s %4d of %4d caught = %.1f %%%n",
                scenario,
                counts[1],
                counts[0],
                100.0 * counts[1] / counts[0]));
        assertThat(recall(caught, Scenario.IMPOSSIBLE_TRAVEL))
                .as("impossible travel caught")
                .isGreaterThan(0.9);
        assertThat(recall(caught, Scenario.CARD_TESTING))
                .as("card testing caught (from a burst's third charge)")
                .isGreaterThan(0.4);
        assertThat(recall(caught, Scenario.HIGH_AMOUNT))
                .as("high amounts caught")
                .isGreaterThan(0.3);
        assertThat(recall(caught, Scenario.ACCOUNT_TAKEOVER))
                .as("account takeovers caught")
                .isGreaterThan(0.3);
        assertThat((double) clean[1] / clean[0])
                .as("genuine alerted on cards never defrauded")
                .isLessThanOrEqualTo(MAX_ALERT_RATE);
    }

    private static double recall(Map<Scenario, long[]> caught, Scenario scenario) {
        long[] counts = caught.get(scenario);
        assertThat(counts).as("%s frauds in the live stretch", scenario).isNotNull();
        return (double) counts[1] / counts[0];
    }

    /** Card profiles in memory, as the scorer's store would hold them, and the rules' verdicts counted. */
    private static final class Folding {

        private static final CardTokenizer TOKENIZER =
                new CardTokenizer("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        private static final BinCountries BIN_TABLE = BinCountries.defaults();

        private final RulesScorer rules = new RulesScorer(RulesConfig.DEFAULTS);
        private final Map<String, CardProfile> profiles = new HashMap<>();
        private final Map<ReasonCode, Long> byReason = new EnumMap<>(ReasonCode.class);
        private long scored;
        private long alerts;

        void scoreAll(Iterator<SimTransaction> transactions) {
            transactions.forEachRemaining(this::score);
        }

        RiskScore score(SimTransaction sim) {
            CardToken card = CardToken.of(sim.pan(), TOKENIZER, BIN_TABLE);
            String token = card.token();
            Transaction tx = KafkaRecords.transaction(sim, card, sim.eventTime());
            CardFeatures.Step step =
                    CardFeatures.next(profiles.getOrDefault(token, CardProfile.EMPTY), tx, null, anyMerchant -> null);
            profiles.put(token, step.profile());
            RiskScore score = rules.score(step.features());
            scored++;
            if (score.decision() != Decision.APPROVE) {
                alerts++;
            }
            for (RuleReason reason : score.reasons()) {
                byReason.merge(reason.code(), 1L, Long::sum);
            }
            return score;
        }

        /** Stands in for ingest's keyed token: the card number stays in this process's memory only. */
    }
}
