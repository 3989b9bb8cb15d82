package dev.vigil.features;

import static dev.vigil.features.CardTransactions.ABROAD;
import static dev.vigil.features.CardTransactions.BERLIN;
import static dev.vigil.features.CardTransactions.HOME;
import static dev.vigil.features.CardTransactions.MIDNIGHT;
import static dev.vigil.features.CardTransactions.ONE_HALF_LIFE_LATER;
import static dev.vigil.features.CardTransactions.ONE_MINUTE_LATER;
import static dev.vigil.features.CardTransactions.PARIS;
import static dev.vigil.features.CardTransactions.at;
import static dev.vigil.features.CardTransactions.fold;
import static dev.vigil.features.CardTransactions.tx;
import static dev.vigil.features.FeatureSchema.Names.AMOUNT_MEAN;
import static dev.vigil.features.FeatureSchema.Names.AMOUNT_MINOR;
import static dev.vigil.features.FeatureSchema.Names.AMOUNT_RATIO_PEAK;
import static dev.vigil.features.FeatureSchema.Names.AMOUNT_STD;
import static dev.vigil.features.FeatureSchema.Names.AMOUNT_TO_MCC_MEAN_RATIO;
import static dev.vigil.features.FeatureSchema.Names.AMOUNT_TO_MEAN_RATIO;
import static dev.vigil.features.FeatureSchema.Names.AMOUNT_Z_SCORE;
import static dev.vigil.features.FeatureSchema.Names.CARD_NOT_PRESENT;
import static dev.vigil.features.FeatureSchema.Names.DISTINCT_COUNTRIES_BEFORE;
import static dev.vigil.features.FeatureSchema.Names.KM_FROM_LAST_LOCATION;
import static dev.vigil.features.FeatureSchema.Names.MCC_TX_COUNT;
import static dev.vigil.features.FeatureSchema.Names.NEW_COUNTRY;
import static dev.vigil.features.FeatureSchema.Names.PRIOR_COUNT;
import static dev.vigil.features.FeatureSchema.Names.SECONDS_SINCE_LAST;
import static dev.vigil.features.FeatureSchema.Names.TX_COUNT_10M;
import static dev.vigil.features.FeatureSchema.Names.TX_COUNT_1H;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.events.Channel;
import dev.vigil.events.Transaction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CardFeaturesTest {

    @Test
    void aFirstTransactionHasNoHistoryFeatures() {
        FeatureVector features = CardFeatures.next(
                        CardProfile.EMPTY, tx("tx-1", 1_000, HOME, MIDNIGHT), null, anyMerchant -> null)
                .features();

        assertThat(features.get(AMOUNT_MINOR)).isEqualTo(1_000);
        assertThat(features.get(PRIOR_COUNT)).isZero();
        assertThat(features.get(AMOUNT_TO_MEAN_RATIO)).isZero();
        assertThat(features.get(AMOUNT_Z_SCORE)).isZero();
        assertThat(features.get(SECONDS_SINCE_LAST)).isEqualTo(-1);
        assertThat(features.get(TX_COUNT_10M)).isEqualTo(1);
        assertThat(features.get(NEW_COUNTRY)).as("no history: nothing is new").isZero();
        assertThat(features.get(KM_FROM_LAST_LOCATION)).isEqualTo(-1);
    }

    @Test
    void featuresAfterAHistoryEqualHandComputedValues() {
        // 1000 at MIDNIGHT, 2000 one half-life later: the first weighs 1/2, the second 1.
        // weight 1.5, mean (500 + 2000) / 1.5 = 1666.67,
        // variance (0.5 * 666.67^2 + 1 * 333.33^2) / 1.5 = 222222.2, std 471.40
        CardProfile history =
                fold(List.of(tx("tx-1", 1_000, HOME, MIDNIGHT), tx("tx-2", 2_000, HOME, ONE_HALF_LIFE_LATER)));
        assertThat(history.amounts().weight()).isCloseTo(1.5, within(1e-12));
        assertThat(history.amounts().mean()).isCloseTo(5_000.0 / 3, within(1e-9));
        assertThat(history.amounts().variance()).isCloseTo(2_000_000.0 / 9, within(1e-6));

        FeatureVector features = CardFeatures.next(
                        history,
                        tx("tx-3", 5_000, ABROAD, ONE_HALF_LIFE_LATER.plus(Duration.ofMinutes(1))),
                        null,
                        anyMerchant -> null)
                .features();

        double std = Math.sqrt(2_000_000.0 / 9);
        assertThat(features.get(PRIOR_COUNT)).isEqualTo(2);
        assertThat(features.get(AMOUNT_MEAN)).isCloseTo(1666.667, within(1e-3));
        assertThat(features.get(AMOUNT_STD)).isCloseTo(std, within(1e-9));
        assertThat(features.get(AMOUNT_TO_MEAN_RATIO)).isCloseTo(3.0, within(1e-12));
        assertThat(features.get(AMOUNT_Z_SCORE)).isCloseTo((5_000 - 5_000.0 / 3) / std, within(1e-9));
        assertThat(features.get(SECONDS_SINCE_LAST)).isEqualTo(60);
        assertThat(features.get(TX_COUNT_10M))
                .as("tx-2 a minute before, and itself")
                .isEqualTo(2);
        assertThat(features.get(DISTINCT_COUNTRIES_BEFORE)).isEqualTo(1);
        assertThat(features.get(NEW_COUNTRY)).isEqualTo(1);
        assertThat(features.get(CARD_NOT_PRESENT)).isZero();
    }

    @Test
    void aVeryRegularCardHasItsStandardDeviationFlooredAtATenthOfTheMean() {
        CardProfile history = fold(CardTransactions.dailyHistory(6, 1_000));

        FeatureVector features = CardFeatures.next(
                        history, tx("tx-x", 1_500, HOME, MIDNIGHT.plus(Duration.ofDays(6))), null, anyMerchant -> null)
                .features();

        assertThat(features.get(AMOUNT_STD)).isCloseTo(0, within(1e-9));
        assertThat(features.get(AMOUNT_Z_SCORE))
                .as("(1500 - 1000) / (0.1 * 1000)")
                .isCloseTo(5.0, within(1e-9));
    }

    @Test
    void countsTransactionsWithinTenMinutesAndAnHourIncludingTheOneScored() {
        List<Transaction> history = new ArrayList<>();
        for (int minute = 0; minute < 5; minute++) {
            history.add(tx("tx-" + minute, 1_000, HOME, MIDNIGHT.plus(Duration.ofMinutes(minute * 15L))));
        }
        // at 01:00 the earlier ones are at 00:00, 00:15, 00:30, 00:45 (within the hour) and 01:00 itself
        FeatureVector features = CardFeatures.next(
                        fold(history.subList(0, 4)), history.get(4), null, anyMerchant -> null)
                .features();

        assertThat(features.get(TX_COUNT_1H)).isEqualTo(5);
        assertThat(features.get(TX_COUNT_10M)).isEqualTo(1);
    }

    @Test
    void measuresTheDistanceFromTheLastKnownLocation() {
        CardProfile inBerlin = fold(List.of(at(tx("tx-1", 1_000, HOME, MIDNIGHT), BERLIN)));

        FeatureVector features = CardFeatures.next(
                        inBerlin, at(tx("tx-2", 1_000, "FR", ONE_MINUTE_LATER), PARIS), null, anyMerchant -> null)
                .features();

        assertThat(features.get(KM_FROM_LAST_LOCATION)).isCloseTo(878, within(5.0));
    }

    @Test
    void marksCardNotPresentTransactions() {
        Transaction online = Transaction.newBuilder(tx("tx-1", 1_000, HOME, MIDNIGHT))
                .setChannel(Channel.CARD_NOT_PRESENT)
                .build();

        assertThat(CardFeatures.next(CardProfile.EMPTY, online, null, anyMerchant -> null)
                        .features()
                        .get(CARD_NOT_PRESENT))
                .isEqualTo(1);
    }

    @Test
    void theProfileRemembersCountLatestTimeLocationAndCountries() {
        CardProfile profile = fold(
                List.of(at(tx("tx-1", 1_000, HOME, MIDNIGHT), BERLIN), tx("tx-2", 1_000, ABROAD, ONE_MINUTE_LATER)));

        assertThat(profile.count()).isEqualTo(2);
        assertThat(profile.lastEventTime()).isEqualTo(ONE_MINUTE_LATER);
        assertThat(profile.lastLocation())
                .as("tx-2 gave none: Berlin is still the last known")
                .contains(BERLIN);
        assertThat(profile.countries().contains(HOME)).isTrue();
        assertThat(profile.countries().contains(ABROAD)).isTrue();
        assertThat(profile.countries().contains("FR")).isFalse();
        assertThat(profile.countries().size()).isEqualTo(2);
    }

    @Test
    void anOutOfOrderEventCountsWithTheWeightOfItsAgeAndLeavesTheLatestTimeAndLocation() {
        CardProfile latest = fold(List.of(at(tx("tx-late", 2_000, HOME, ONE_HALF_LIFE_LATER), BERLIN)));

        CardFeatures.Step step = CardFeatures.next(
                latest, at(tx("tx-early", 1_000, ABROAD, MIDNIGHT), PARIS), null, anyMerchant -> null);

        // the same two amounts as in featuresAfterAHistoryEqualHandComputedValues, in the other order:
        // the same statistics
        assertThat(step.profile().amounts().weight()).isCloseTo(1.5, within(1e-12));
        assertThat(step.profile().amounts().mean()).isCloseTo(5_000.0 / 3, within(1e-9));
        assertThat(step.profile().amounts().variance()).isCloseTo(2_000_000.0 / 9, within(1e-6));
        assertThat(step.profile().count()).isEqualTo(2);
        assertThat(step.profile().lastEventTime()).isEqualTo(ONE_HALF_LIFE_LATER);
        assertThat(step.profile().lastLocation()).contains(BERLIN);
        assertThat(step.profile().countries().contains(ABROAD)).isTrue();
        assertThat(step.features().get(SECONDS_SINCE_LAST)).as("never negative").isZero();
        assertThat(step.features().get(TX_COUNT_10M))
                .as("the later event is not in its window")
                .isEqualTo(1);
    }

    @Test
    void theRecentPeakCarriesAnAmountFarAboveUsualToTheCardsNextPurchasesHalvingPerWeek() {
        // 1000, then 9000 a minute later: 9 times the usual of the card then
        CardProfile history =
                fold(List.of(tx("tx-1", 1_000, HOME, MIDNIGHT), tx("tx-2", 9_000, HOME, ONE_MINUTE_LATER)));
        Duration week = CardFeatures.RATIO_PEAK_HALF_LIFE;

        double aWeekLater = CardFeatures.next(
                        history, tx("tx-3", 1_000, HOME, ONE_MINUTE_LATER.plus(week)), null, anyMerchant -> null)
                .features()
                .get(AMOUNT_RATIO_PEAK);
        double theSameMinute = CardFeatures.next(history, tx("tx-3", 1_000, HOME, ONE_MINUTE_LATER), null, m -> null)
                .features()
                .get(AMOUNT_RATIO_PEAK);

        assertThat(theSameMinute).isCloseTo(9.0, within(1e-12));
        assertThat(aWeekLater).isCloseTo(4.5, within(1e-12));
        assertThat(CardFeatures.next(CardProfile.EMPTY, tx("tx-1", 1_000, HOME, MIDNIGHT), null, m -> null)
                        .features()
                        .get(AMOUNT_RATIO_PEAK))
                .as("no history, no peak")
                .isZero();
    }

    @Test
    void aLaterPeakAboveTheDecayedOneTakesItsPlace() {
        Duration week = CardFeatures.RATIO_PEAK_HALF_LIFE;
        // 3 times usual, then two weeks later (a quarter of it left: 0.75) 2 times usual
        CardProfile history = fold(List.of(
                tx("tx-1", 1_000, HOME, MIDNIGHT),
                tx("tx-2", 3_000, HOME, ONE_MINUTE_LATER),
                tx("tx-3", 0, HOME, ONE_MINUTE_LATER.plus(week.multipliedBy(2)))));
        double mean = history.amounts().mean();

        CardProfile after = CardFeatures.next(
                        history,
                        tx("tx-4", Math.round(2 * mean), HOME, ONE_MINUTE_LATER.plus(week.multipliedBy(2))),
                        null,
                        m -> null)
                .profile();

        assertThat(after.ratioPeak()).isCloseTo(2.0, within(1e-3));
    }

    @Test
    void aLatePeakWeighsAsMuchAsItsAgeSays() {
        Duration week = CardFeatures.RATIO_PEAK_HALF_LIFE;
        CardProfile history = fold(List.of(
                tx("tx-1", 1_000, HOME, MIDNIGHT),
                tx("tx-3", 1_000, HOME, MIDNIGHT.plus(week).plusSeconds(60))));
        double usual = history.amounts().mean();

        // 8 times the usual, a week older than the card's latest transaction: half of it counts
        CardProfile after = CardFeatures.next(
                        history, tx("tx-2", Math.round(8 * usual), HOME, MIDNIGHT.plusSeconds(60)), null, m -> null)
                .profile();

        assertThat(after.ratioPeak()).isCloseTo(4.0, within(1e-2));
        assertThat(after.lastEventTime()).isEqualTo(history.lastEventTime());
    }

    @Test
    void theAmountIsMeasuredAgainstTheCardsUsualInItsCategory() {
        // groceries at 40, electronics at 400, a day apart: the card's usual overall is in between
        List<Transaction> history = new ArrayList<>();
        for (int day = 0; day < 6; day++) {
            history.add(inCategory(tx("tx-g" + day, 4_000, HOME, MIDNIGHT.plus(Duration.ofDays(day))), "5411"));
            history.add(inCategory(
                    tx(
                            "tx-e" + day,
                            40_000,
                            HOME,
                            MIDNIGHT.plus(Duration.ofDays(day)).plusSeconds(60)),
                    "5732"));
        }
        CardProfile card = fold(history);
        java.time.Instant next = MIDNIGHT.plus(Duration.ofDays(7));

        FeatureVector groceriesAt400 = CardFeatures.next(
                        card, inCategory(tx("tx-1", 40_000, HOME, next), "5411"), null, m -> null)
                .features();
        FeatureVector electronicsAt400 = CardFeatures.next(
                        card, inCategory(tx("tx-2", 40_000, HOME, next), "5732"), null, m -> null)
                .features();
        FeatureVector aFirstPharmacy = CardFeatures.next(
                        card, inCategory(tx("tx-3", 40_000, HOME, next), "5912"), null, m -> null)
                .features();

        assertThat(groceriesAt400.get(AMOUNT_TO_MCC_MEAN_RATIO)).isCloseTo(10.0, within(1e-9));
        assertThat(electronicsAt400.get(AMOUNT_TO_MCC_MEAN_RATIO)).isCloseTo(1.0, within(1e-9));
        assertThat(groceriesAt400.get(AMOUNT_TO_MEAN_RATIO))
                .as("against the card as a whole the same amount looks ordinary")
                .isLessThan(2.0);
        assertThat(aFirstPharmacy.get(AMOUNT_TO_MCC_MEAN_RATIO))
                .as("no usual in a new category")
                .isZero();
        assertThat(aFirstPharmacy.get(MCC_TX_COUNT)).isZero();
        // six grocery purchases 2 to 7 days before the scored one, each aged by the 14-day half-life
        double expected = 0;
        for (int daysOld = 2; daysOld <= 7; daysOld++) {
            expected += Math.pow(0.5, daysOld / 14.0);
        }
        assertThat(groceriesAt400.get(MCC_TX_COUNT)).isCloseTo(expected, within(1e-9));
    }

    @Test
    void aCardKeepsItsEightMostUsedCategories() {
        List<Transaction> history = new ArrayList<>();
        // category 5000 + i bought i + 1 times, all in the same hour: the two least used go
        int id = 0;
        for (int i = 0; i < 10; i++) {
            for (int n = 0; n <= i; n++) {
                history.add(inCategory(tx("tx-" + id, 1_000, HOME, MIDNIGHT.plusSeconds(id++)), "" + (5000 + i)));
            }
        }
        history.add(inCategory(tx("tx-late", 1_000, HOME, MIDNIGHT.minus(Duration.ofDays(70))), "4121"));

        MccAmounts kept = fold(history).mccAmounts();

        assertThat(kept.size()).isEqualTo(MccAmounts.CAPACITY);
        assertThat(kept.in("5000").weight()).isZero();
        assertThat(kept.in("5001").weight()).isZero();
        assertThat(kept.in("5002").weight()).isGreaterThan(2.9);
        assertThat(kept.in("4121").weight())
                .as("a late purchase weighing less than any kept is not kept")
                .isZero();
    }

    private static Transaction inCategory(Transaction tx, String mcc) {
        return Transaction.newBuilder(tx).setMcc(mcc).build();
    }

    @Test
    void keepsOnlyTheLatestSixteenEventTimes() {
        List<Transaction> history = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            history.add(tx("tx-" + i, 1_000, HOME, MIDNIGHT.plusSeconds(i)));
        }

        CardProfile profile = fold(history);

        assertThat(profile.recentTimes().size()).isEqualTo(RecentEventTimes.CAPACITY);
        assertThat(profile.recentTimes().countWithin(MIDNIGHT.plusSeconds(19), Duration.ofSeconds(3)))
                .as("seconds 16..19")
                .isEqualTo(4);
        assertThat(profile.recentTimes().countWithin(MIDNIGHT.plusSeconds(3), Duration.ofSeconds(3)))
                .as("seconds 0..3 fell out")
                .isZero();
    }

    @Test
    void ignoresACountryCodeThatIsNotTwoCapitalLetters() {
        CardProfile profile = fold(List.of(tx("tx-1", 1_000, "de", MIDNIGHT)));

        assertThat(profile.countries().size()).isZero();
        assertThat(CardFeatures.next(profile, tx("tx-2", 1_000, "1X", ONE_MINUTE_LATER), null, anyMerchant -> null)
                        .features()
                        .get(NEW_COUNTRY))
                .isZero();
        assertThat(profile.lastLocation()).isEqualTo(Optional.empty());
    }
}
