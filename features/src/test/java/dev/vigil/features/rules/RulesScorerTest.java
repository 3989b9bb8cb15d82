package dev.vigil.features.rules;

import static dev.vigil.features.CardTransactions.ABROAD;
import static dev.vigil.features.CardTransactions.BERLIN;
import static dev.vigil.features.CardTransactions.HOME;
import static dev.vigil.features.CardTransactions.MIDNIGHT;
import static dev.vigil.features.CardTransactions.PARIS;
import static dev.vigil.features.CardTransactions.at;
import static dev.vigil.features.CardTransactions.dailyHistory;
import static dev.vigil.features.CardTransactions.fold;
import static dev.vigil.features.CardTransactions.tx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.events.Channel;
import dev.vigil.events.Decision;
import dev.vigil.events.Transaction;
import dev.vigil.features.CardFeatures;
import dev.vigil.features.CardProfile;
import dev.vigil.features.FeatureSchema;
import dev.vigil.features.FeatureVector;
import dev.vigil.features.Location;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RulesScorerTest {

    static final RulesScorer RULES = new RulesScorer(RulesConfig.DEFAULTS);
    /** Twelve days of about 10.00 at home, one a day at midnight, then the day the test scores on. */
    static final List<Transaction> NORMAL_FORTNIGHT = IntStream.range(0, 12)
            .mapToObj(day -> tx("tx-d" + day, 900 + 50L * (day % 5), HOME, MIDNIGHT.plus(Duration.ofDays(day))))
            .toList();

    static final Instant DAY_TWELVE = MIDNIGHT.plus(Duration.ofDays(12));
    /** Far from Berlin: about 10,000 km. */
    static final Location SAO_PAULO = new Location(-23.55, -46.63);

    static RiskScore score(List<Transaction> history, Transaction scored) {
        return RULES.score(CardFeatures.next(fold(history), scored, null, anyMerchant -> null)
                .features());
    }

    static List<ReasonCode> codes(RiskScore score) {
        return score.reasons().stream().map(RuleReason::code).toList();
    }

    @Test
    void approvesAnOrdinaryTransactionWithNoReasons() {
        RiskScore score = score(NORMAL_FORTNIGHT, tx("tx-ok", 1_200, HOME, DAY_TWELVE));

        assertThat(score.score()).isZero();
        assertThat(score.decision()).isEqualTo(Decision.APPROVE);
        assertThat(score.reasons()).isEmpty();
    }

    @Test
    void flagsAnAmountFarAboveUsual() {
        RiskScore score = score(NORMAL_FORTNIGHT, tx("tx-tv", 245_000, HOME, DAY_TWELVE));

        assertThat(codes(score)).containsExactly(ReasonCode.AMOUNT_FAR_ABOVE_USUAL);
        assertThat(score.score()).isCloseTo(0.75, within(1e-12));
        assertThat(score.decision()).isEqualTo(Decision.REVIEW);
        assertThat(score.reasons().get(0).description())
                .matches("Amount is 24\\d\\.\\d times this card's usual and \\d+\\.\\d standard deviations above it");
    }

    @Test
    void doesNotFlagAnAmountNineTimesUsual() {
        // rules-v1 flagged from 5 times the mean; genuine big tickets (a fridge, a flight) reach that often
        assertThat(score(NORMAL_FORTNIGHT, tx("tx-9x", 9_000, HOME, DAY_TWELVE)).reasons())
                .isEmpty();
    }

    @Test
    void doesNotFlagALargeAmountTheCardHasSpentBefore() {
        // twelve small payments and one of 100.00: the mean is ~8.60 but the spread is wide
        List<Transaction> skewed = new ArrayList<>();
        for (int day = 0; day < 13; day++) {
            skewed.add(tx("tx-w" + day, day != 6 ? 100 : 10_000, HOME, MIDNIGHT.plus(Duration.ofDays(day))));
        }
        FeatureVector features = CardFeatures.next(
                        fold(skewed), tx("tx-big", 10_000, HOME, DAY_TWELVE), null, anyMerchant -> null)
                .features();
        assertThat(features.get(FeatureSchema.Names.AMOUNT_TO_MEAN_RATIO))
                .as("far above the mean")
                .isGreaterThan(RulesConfig.DEFAULTS.amountRatio());
        assertThat(features.get(FeatureSchema.Names.AMOUNT_Z_SCORE))
                .as("but within the card's spread")
                .isLessThan(RulesConfig.DEFAULTS.amountZScore());

        assertThat(RULES.score(features).reasons()).isEmpty();
    }

    @Test
    void doesNotFlagTheAmountBeforeTheMinimumHistory() {
        RiskScore score = score(
                NORMAL_FORTNIGHT.subList(0, RulesConfig.DEFAULTS.minHistory() - 1),
                tx("tx-tv", 245_000, HOME, DAY_TWELVE));

        assertThat(score.reasons()).isEmpty();
    }

    @Test
    void flagsABurstOfThreeCardTestsWithinTenMinutes() {
        // card testers try a stolen number with tiny charges seconds apart
        List<Transaction> burst = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            burst.add(tx("tx-b" + i, 50, HOME, MIDNIGHT.plus(Duration.ofSeconds(5L * i))));
        }

        RiskScore score = score(burst, tx("tx-b2", 50, HOME, MIDNIGHT.plus(Duration.ofSeconds(10))));

        assertThat(codes(score)).containsExactly(ReasonCode.BURST_OF_TRANSACTIONS);
        assertThat(score.reasons().get(0).description()).isEqualTo("3 transactions on this card within 10 minutes");
        assertThat(score.decision()).isEqualTo(Decision.REVIEW);
    }

    @Test
    void doesNotFlagThreeTransactionsSpreadOverMoreThanTenMinutes() {
        List<Transaction> spread = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            spread.add(tx("tx-s" + i, 500, HOME, MIDNIGHT.plus(Duration.ofMinutes(6L * i))));
        }

        assertThat(score(spread, tx("tx-s2", 500, HOME, MIDNIGHT.plus(Duration.ofMinutes(12))))
                        .reasons())
                .isEmpty();
    }

    @Test
    void flagsTheFirstUseInANewCountryAfterTheMinimumHistory() {
        RiskScore score = score(NORMAL_FORTNIGHT, tx("tx-br", 1_000, ABROAD, DAY_TWELVE));

        assertThat(codes(score)).containsExactly(ReasonCode.NEW_COUNTRY_FOR_CARD);
        assertThat(score.score()).isCloseTo(0.5, within(1e-12));
        assertThat(score.decision()).isEqualTo(Decision.REVIEW);
    }

    @Test
    void doesNotFlagAnOnlinePurchaseInANewCountry() {
        Transaction online = Transaction.newBuilder(tx("tx-web-fr", 1_000, "FR", DAY_TWELVE))
                .setChannel(Channel.CARD_NOT_PRESENT)
                .build();

        assertThat(score(NORMAL_FORTNIGHT, online).reasons()).isEmpty();
    }

    @Test
    void flagsACardUsedOnAnotherContinentMinutesAfterItWasUsedAtHome() {
        List<Transaction> history = new ArrayList<>(NORMAL_FORTNIGHT);
        history.add(at(tx("tx-berlin", 1_000, HOME, DAY_TWELVE), BERLIN));

        RiskScore score =
                score(history, at(tx("tx-sp", 1_000, ABROAD, DAY_TWELVE.plus(Duration.ofSeconds(40))), SAO_PAULO));

        assertThat(codes(score)).containsExactly(ReasonCode.IMPOSSIBLE_TRAVEL, ReasonCode.NEW_COUNTRY_FOR_CARD);
        assertThat(score.reasons().get(0).description())
                .matches("\\d{5} km from the card's previous location at \\d+ km/h");
        // 1 - (1 - 0.8)(1 - 0.5)
        assertThat(score.score()).isCloseTo(0.9, within(1e-12));
        assertThat(score.decision()).isEqualTo(Decision.DECLINE);
    }

    @Test
    void doesNotCallATripThatAPlaneCouldMakeImpossible() {
        List<Transaction> history = new ArrayList<>(NORMAL_FORTNIGHT);
        history.add(at(tx("tx-berlin", 1_000, HOME, DAY_TWELVE), BERLIN));

        // 878 km in three hours: about 290 km/h
        RiskScore score = score(history, at(tx("tx-paris", 1_000, "FR", DAY_TWELVE.plus(Duration.ofHours(3))), PARIS));

        assertThat(codes(score)).containsExactly(ReasonCode.NEW_COUNTRY_FOR_CARD);
    }

    @Test
    void doesNotFlagANewCountryBeforeTheMinimumHistory() {
        assertThat(score(NORMAL_FORTNIGHT.subList(0, 2), tx("tx-br", 1_000, ABROAD, DAY_TWELVE))
                        .reasons())
                .isEmpty();
    }

    @Test
    void doesNotFlagACountryTheCardWasUsedInBefore() {
        List<Transaction> history = new ArrayList<>(NORMAL_FORTNIGHT);
        history.add(tx("tx-br-1", 1_000, ABROAD, DAY_TWELVE));

        assertThat(score(history, tx("tx-br-2", 1_000, ABROAD, DAY_TWELVE.plus(Duration.ofDays(1))))
                        .reasons())
                .isEmpty();
    }

    @Test
    void combinesReasonsIntoAHigherScoreAndDeclinesSharingTheScoreByContribution() {
        RiskScore score = score(NORMAL_FORTNIGHT, tx("tx-tv-br", 245_000, ABROAD, DAY_TWELVE));

        // 1 - (1 - 0.75)(1 - 0.5) = 0.875, shared 0.75 : 0.5
        assertThat(score.score()).isCloseTo(0.875, within(1e-12));
        assertThat(score.decision()).isEqualTo(Decision.DECLINE);
        assertThat(codes(score)).containsExactly(ReasonCode.AMOUNT_FAR_ABOVE_USUAL, ReasonCode.NEW_COUNTRY_FOR_CARD);
        assertThat(score.reasons().get(0).contribution()).isCloseTo(0.525, within(1e-12));
        assertThat(score.reasons().get(1).contribution()).isCloseTo(0.35, within(1e-12));
    }

    @Test
    void theDecisionFollowsTheConfiguredThresholds() {
        RulesScorer strict =
                new RulesScorer(new RulesConfig(10, 10.0, 4.0, 3, 500, 1000, 0.75, 0.6, 0.5, 0.8, 0.3, 0.5));

        RiskScore score = strict.score(CardFeatures.next(
                        fold(NORMAL_FORTNIGHT), tx("tx-br", 1_000, ABROAD, DAY_TWELVE), null, anyMerchant -> null)
                .features());

        assertThat(score.decision()).isEqualTo(Decision.DECLINE);
    }

    @Test
    void refusesFeaturesOfAnotherSchema() {
        FeatureSchema other = new FeatureSchema("card", 99, FeatureSchema.CURRENT.names());

        assertThatThrownBy(() -> RULES.score(new FeatureVector(other, new double[other.size()])))
                .hasMessage("rules-v2 scores card-v7 features, not card-v99");
    }

    @Test
    void refusesThresholdsOutOfOrder() {
        assertThatThrownBy(() -> new RulesConfig(10, 10.0, 4.0, 3, 500, 1000, 0.75, 0.6, 0.5, 0.8, 0.9, 0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reviewAt (0.9) must not exceed declineAt (0.5)");
    }

    @Test
    void refusesABurstSizeTheProfileCannotSee() {
        assertThatThrownBy(() -> new RulesConfig(10, 10.0, 4.0, 18, 500, 1000, 0.75, 0.6, 0.5, 0.8, 0.5, 0.85))
                .hasMessage("burstTransactions must be in [2, 17]: 18");
    }

    @Test
    void aFirstTransactionIsNeverFlaggedForAmountOrCountry() {
        RiskScore score = RULES.score(
                CardFeatures.next(CardProfile.EMPTY, tx("tx-1", 999_999, ABROAD, MIDNIGHT), null, anyMerchant -> null)
                        .features());

        assertThat(score.reasons()).isEmpty();
    }

    @Test
    void dailyHistoryIsNeverABurst() {
        assertThat(score(dailyHistory(10, 1_000), tx("tx-x", 1_000, HOME, MIDNIGHT.plus(Duration.ofDays(10))))
                        .reasons())
                .isEmpty();
    }
}
