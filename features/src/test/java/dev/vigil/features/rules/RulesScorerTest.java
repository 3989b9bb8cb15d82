package dev.vigil.features.rules;

import static dev.vigil.features.Fixtures.ABROAD;
import static dev.vigil.features.Fixtures.HOME;
import static dev.vigil.features.Fixtures.MIDNIGHT;
import static dev.vigil.features.Fixtures.dailyHistory;
import static dev.vigil.features.Fixtures.fold;
import static dev.vigil.features.Fixtures.tx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.events.Decision;
import dev.vigil.events.Transaction;
import dev.vigil.features.CardFeatures;
import dev.vigil.features.CardProfile;
import dev.vigil.features.FeatureSchema;
import dev.vigil.features.FeatureVector;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RulesScorerTest {

    static final RulesScorer RULES = new RulesScorer(RulesConfig.DEFAULTS);
    /** Six days of 10.00 at home, between 9.00 and 11.00, then the day the test scores on. */
    static final List<Transaction> NORMAL_WEEK = List.of(
            tx("tx-d0", 1_000, HOME, MIDNIGHT),
            tx("tx-d1", 900, HOME, MIDNIGHT.plus(Duration.ofDays(1))),
            tx("tx-d2", 1_100, HOME, MIDNIGHT.plus(Duration.ofDays(2))),
            tx("tx-d3", 1_000, HOME, MIDNIGHT.plus(Duration.ofDays(3))),
            tx("tx-d4", 950, HOME, MIDNIGHT.plus(Duration.ofDays(4))),
            tx("tx-d5", 1_050, HOME, MIDNIGHT.plus(Duration.ofDays(5))));
    static final Instant DAY_SIX = MIDNIGHT.plus(Duration.ofDays(6));

    static RiskScore score(List<Transaction> history, Transaction scored) {
        return RULES.score(CardFeatures.next(fold(history), scored).features());
    }

    static List<ReasonCode> codes(RiskScore score) {
        return score.reasons().stream().map(RuleReason::code).toList();
    }

    @Test
    void approvesAnOrdinaryTransactionWithNoReasons() {
        RiskScore score = score(NORMAL_WEEK, tx("tx-ok", 1_200, HOME, DAY_SIX));

        assertThat(score.score()).isZero();
        assertThat(score.decision()).isEqualTo(Decision.APPROVE);
        assertThat(score.reasons()).isEmpty();
    }

    @Test
    void flagsAnAmountFarAboveUsual() {
        RiskScore score = score(NORMAL_WEEK, tx("tx-tv", 245_000, HOME, DAY_SIX));

        assertThat(codes(score)).containsExactly(ReasonCode.AMOUNT_FAR_ABOVE_USUAL);
        assertThat(score.score()).isCloseTo(0.75, within(1e-12));
        assertThat(score.decision()).isEqualTo(Decision.REVIEW);
        assertThat(score.reasons().get(0).description())
                .matches("Amount is 24\\d\\.\\d times this card's usual and \\d+\\.\\d standard deviations above it");
    }

    @Test
    void doesNotFlagAnAmountFourTimesUsual() {
        assertThat(score(NORMAL_WEEK, tx("tx-4x", 4_000, HOME, DAY_SIX)).reasons()).isEmpty();
    }

    @Test
    void doesNotFlagALargeAmountTheCardHasSpentBefore() {
        // five small payments and one of 100.00: the mean is ~17.50 but the spread is wide (std ~37)
        List<Transaction> skewed = new ArrayList<>();
        for (int day = 0; day < 6; day++) {
            skewed.add(tx("tx-w" + day, day < 5 ? 100 : 10_000, HOME, MIDNIGHT.plus(Duration.ofDays(day))));
        }
        FeatureVector features = CardFeatures.next(fold(skewed), tx("tx-big", 10_000, HOME, DAY_SIX)).features();
        assertThat(features.get(FeatureSchema.Names.AMOUNT_TO_MEAN_RATIO)).as("far above the mean").isGreaterThan(5);
        assertThat(features.get(FeatureSchema.Names.AMOUNT_Z_SCORE)).as("but within the card's spread").isLessThan(3);

        assertThat(RULES.score(features).reasons()).isEmpty();
    }

    @Test
    void doesNotFlagTheAmountBeforeTheMinimumHistory() {
        RiskScore score = score(NORMAL_WEEK.subList(0, 4), tx("tx-tv", 245_000, HOME, DAY_SIX));

        assertThat(score.reasons()).isEmpty();
    }

    @Test
    void flagsABurstOfFiveTransactionsWithinTenMinutes() {
        List<Transaction> burst = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            burst.add(tx("tx-b" + i, 500, HOME, MIDNIGHT.plus(Duration.ofMinutes(2L * i))));
        }

        RiskScore score = score(burst, tx("tx-b4", 500, HOME, MIDNIGHT.plus(Duration.ofMinutes(8))));

        assertThat(codes(score)).containsExactly(ReasonCode.BURST_OF_TRANSACTIONS);
        assertThat(score.reasons().get(0).description()).isEqualTo("5 transactions on this card within 10 minutes");
        assertThat(score.decision()).isEqualTo(Decision.REVIEW);
    }

    @Test
    void doesNotFlagFiveTransactionsSpreadOverMoreThanTenMinutes() {
        List<Transaction> spread = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            spread.add(tx("tx-s" + i, 500, HOME, MIDNIGHT.plus(Duration.ofMinutes(3L * i))));
        }

        assertThat(score(spread, tx("tx-s4", 500, HOME, MIDNIGHT.plus(Duration.ofMinutes(12)))).reasons()).isEmpty();
    }

    @Test
    void flagsTheFirstUseInANewCountryAfterTheMinimumHistory() {
        RiskScore score = score(NORMAL_WEEK, tx("tx-br", 1_000, ABROAD, DAY_SIX));

        assertThat(codes(score)).containsExactly(ReasonCode.NEW_COUNTRY_FOR_CARD);
        assertThat(score.score()).isCloseTo(0.5, within(1e-12));
        assertThat(score.decision()).isEqualTo(Decision.REVIEW);
    }

    @Test
    void doesNotFlagANewCountryBeforeTheMinimumHistory() {
        assertThat(score(NORMAL_WEEK.subList(0, 2), tx("tx-br", 1_000, ABROAD, DAY_SIX)).reasons()).isEmpty();
    }

    @Test
    void doesNotFlagACountryTheCardWasUsedInBefore() {
        List<Transaction> history = new ArrayList<>(NORMAL_WEEK);
        history.add(tx("tx-br-1", 1_000, ABROAD, DAY_SIX));

        assertThat(score(history, tx("tx-br-2", 1_000, ABROAD, DAY_SIX.plus(Duration.ofDays(1)))).reasons()).isEmpty();
    }

    @Test
    void combinesReasonsIntoAHigherScoreAndDeclinesSharingTheScoreByContribution() {
        RiskScore score = score(NORMAL_WEEK, tx("tx-tv-br", 245_000, ABROAD, DAY_SIX));

        // 1 - (1 - 0.75)(1 - 0.5) = 0.875, shared 0.75 : 0.5
        assertThat(score.score()).isCloseTo(0.875, within(1e-12));
        assertThat(score.decision()).isEqualTo(Decision.DECLINE);
        assertThat(codes(score)).containsExactly(ReasonCode.AMOUNT_FAR_ABOVE_USUAL, ReasonCode.NEW_COUNTRY_FOR_CARD);
        assertThat(score.reasons().get(0).contribution()).isCloseTo(0.525, within(1e-12));
        assertThat(score.reasons().get(1).contribution()).isCloseTo(0.35, within(1e-12));
    }

    @Test
    void theDecisionFollowsTheConfiguredThresholds() {
        RulesScorer strict = new RulesScorer(new RulesConfig(5, 5.0, 3.0, 5, 0.75, 0.6, 0.5, 0.3, 0.5));

        RiskScore score = strict.score(CardFeatures.next(fold(NORMAL_WEEK), tx("tx-br", 1_000, ABROAD, DAY_SIX)).features());

        assertThat(score.decision()).isEqualTo(Decision.DECLINE);
    }

    @Test
    void refusesFeaturesOfAnotherSchema() {
        FeatureSchema other = new FeatureSchema("card", 99, FeatureSchema.CURRENT.names());

        assertThatThrownBy(() -> RULES.score(new FeatureVector(other, new double[other.size()])))
                .hasMessage("rules-v1 scores card-v3 features, not card-v99");
    }

    @Test
    void refusesThresholdsOutOfOrder() {
        assertThatThrownBy(() -> new RulesConfig(5, 5.0, 3.0, 5, 0.75, 0.6, 0.5, 0.9, 0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reviewAt (0.9) must not exceed declineAt (0.5)");
    }

    @Test
    void refusesABurstSizeTheProfileCannotSee() {
        assertThatThrownBy(() -> new RulesConfig(5, 5.0, 3.0, 18, 0.75, 0.6, 0.5, 0.5, 0.85))
                .hasMessage("burstTransactions must be in [2, 17]: 18");
    }

    @Test
    void aFirstTransactionIsNeverFlaggedForAmountOrCountry() {
        RiskScore score = RULES.score(CardFeatures.next(CardProfile.EMPTY, tx("tx-1", 999_999, ABROAD, MIDNIGHT)).features());

        assertThat(score.reasons()).isEmpty();
    }

    @Test
    void dailyHistoryIsNeverABurst() {
        assertThat(score(dailyHistory(10, 1_000), tx("tx-x", 1_000, HOME, MIDNIGHT.plus(Duration.ofDays(10)))).reasons())
                .isEmpty();
    }
}
