package dev.vigil.features;

import static dev.vigil.features.CardTransactions.BERLIN;
import static dev.vigil.features.CardTransactions.HOME;
import static dev.vigil.features.CardTransactions.MIDNIGHT;
import static dev.vigil.features.CardTransactions.PARIS;
import static dev.vigil.features.CardTransactions.at;
import static dev.vigil.features.CardTransactions.fold;
import static dev.vigil.features.CardTransactions.tx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.events.MerchantRisk;
import dev.vigil.events.Transaction;
import dev.vigil.features.FeatureSchema.Names;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The card-v2 additions (horizons, travel speed, local time, new merchant/MCC, merchant risk) and
 * card-v3's (the card's issuing country against the merchant's).
 */
class CardAndMerchantFeaturesTest {

    static final Instant ONE_HOUR_LATER = MIDNIGHT.plus(Duration.ofHours(1));
    static final Instant HALF_AN_HOUR_LATER = MIDNIGHT.plus(Duration.ofMinutes(30));

    @Test
    void computesCard5Features() {
        assertThat(CardFeatures.next(CardProfile.EMPTY, tx("tx-1", 100, HOME, MIDNIGHT), null, anyMerchant -> null)
                        .features()
                        .schema()
                        .id())
                .isEqualTo("card-v7");
    }

    @Test
    void aMerchantOutsideTheCardsIssuingCountryIsFlaggedEveryTimeNotOnlyTheFirst() {
        CardProfile before = fold(List.of(tx("tx-1", 100, "FR", MIDNIGHT)));

        FeatureVector abroadAgain = CardFeatures.next(
                        before, tx("tx-2", 100, "FR", ONE_HOUR_LATER), null, anyMerchant -> null)
                .features();
        FeatureVector home = CardFeatures.next(before, tx("tx-3", 100, HOME, ONE_HOUR_LATER), null, anyMerchant -> null)
                .features();

        assertThat(abroadAgain.get(Names.NEW_COUNTRY))
                .as("France is no longer new")
                .isZero();
        assertThat(abroadAgain.get(Names.CARD_COUNTRY_KNOWN)).isEqualTo(1);
        assertThat(abroadAgain.get(Names.MERCHANT_OUTSIDE_CARD_COUNTRY))
                .as("a German card in France")
                .isEqualTo(1);
        assertThat(home.get(Names.MERCHANT_OUTSIDE_CARD_COUNTRY)).isZero();
    }

    @Test
    void aCardOfUnknownIssuingCountryIsNeitherHomeNorAbroad() {
        Transaction unknownBin = Transaction.newBuilder(tx("tx-1", 100, "FR", MIDNIGHT))
                .setCardCountry(null)
                .build();

        FeatureVector f = CardFeatures.next(CardProfile.EMPTY, unknownBin, null, anyMerchant -> null)
                .features();

        assertThat(f.get(Names.CARD_COUNTRY_KNOWN)).isZero();
        assertThat(f.get(Names.MERCHANT_OUTSIDE_CARD_COUNTRY)).isZero();
    }

    @Test
    void horizonAggregatesDecayWithTheHorizonAsTimeConstantAndIncludeTheTransaction() {
        CardProfile before = fold(List.of(tx("tx-1", 100, HOME, MIDNIGHT)));

        FeatureVector f = CardFeatures.next(before, tx("tx-2", 200, HOME, ONE_HOUR_LATER), null, anyMerchant -> null)
                .features();

        // one hour later the first amount weighs e^-1 in the 1 h horizon, e^-1/24 in the 24 h one
        double w1h = Math.exp(-1) + 1;
        double sum1h = 100 * Math.exp(-1) + 200;
        assertThat(f.get(Names.AMOUNT_SUM_1H)).isCloseTo(sum1h, within(1e-9));
        assertThat(f.get(Names.AMOUNT_MEAN_1H)).isCloseTo(sum1h / w1h, within(1e-9));
        double w24h = Math.exp(-1.0 / 24) + 1;
        assertThat(f.get(Names.TX_COUNT_24H)).isCloseTo(w24h, within(1e-9));
        assertThat(f.get(Names.AMOUNT_SUM_24H)).isCloseTo(100 * Math.exp(-1.0 / 24) + 200, within(1e-9));
        // weighted spread of {100 (weight a), 200 (weight 1)}: sqrt(a / (1 + a)^2) * 100
        double a = Math.exp(-1.0 / (24 * 30));
        assertThat(f.get(Names.AMOUNT_STD_30D)).isCloseTo(100 * Math.sqrt(a) / (1 + a), within(1e-9));
    }

    @Test
    void aFarAwayTransactionSoonAfterGivesAnImpossibleSpeed() {
        CardProfile before = fold(List.of(at(tx("tx-berlin", 100, HOME, MIDNIGHT), BERLIN)));

        FeatureVector f = CardFeatures.next(
                        before, at(tx("tx-paris", 100, "FR", HALF_AN_HOUR_LATER), PARIS), null, anyMerchant -> null)
                .features();

        double km = BERLIN.kilometresTo(PARIS);
        assertThat(f.get(Names.KM_FROM_LAST_LOCATION)).isCloseTo(km, within(1e-9));
        assertThat(f.get(Names.SPEED_KMH_FROM_LAST))
                .isCloseTo(km * 2, within(1e-9))
                .isGreaterThan(1_500);
    }

    @Test
    void speedIsUnknownWithoutBothLocationsAndFiniteForTheSameSecond() {
        CardProfile before = fold(List.of(at(tx("tx-berlin", 100, HOME, MIDNIGHT), BERLIN)));

        assertThat(CardFeatures.next(before, tx("tx-online", 100, HOME, ONE_HOUR_LATER), null, anyMerchant -> null)
                        .features()
                        .get(Names.SPEED_KMH_FROM_LAST))
                .isEqualTo(-1);
        // no time passed: divided by the one-minute floor
        assertThat(CardFeatures.next(before, at(tx("tx-paris", 100, "FR", MIDNIGHT), PARIS), null, anyMerchant -> null)
                        .features()
                        .get(Names.SPEED_KMH_FROM_LAST))
                .isCloseTo(BERLIN.kilometresTo(PARIS) * 60, within(1e-6));
    }

    @Test
    void nightAndWeekendAreInTheSendersLocalTime() {
        // 2026-11-22 00:00Z is a Sunday; at UTC+1 it is 01:00 local
        FeatureVector sundayNight = CardFeatures.next(
                        CardProfile.EMPTY, tx("tx-1", 100, HOME, MIDNIGHT), null, anyMerchant -> null)
                .features();
        // Monday 2026-11-23 10:00Z at UTC-5 is 05:00 local, still night
        Transaction mondayDawn = Transaction.newBuilder(tx("tx-2", 100, HOME, Instant.parse("2026-11-23T10:00:00Z")))
                .setUtcOffsetMinutes(-300)
                .build();
        FeatureVector monday = CardFeatures.next(CardProfile.EMPTY, mondayDawn, null, anyMerchant -> null)
                .features();
        // Saturday 2026-11-21 23:30Z at UTC+1 is Sunday 00:30 local; at UTC-1 it is Saturday 22:30
        Transaction late = tx("tx-3", 100, HOME, Instant.parse("2026-11-21T23:30:00Z"));
        FeatureVector saturdayEvening = CardFeatures.next(
                        CardProfile.EMPTY,
                        Transaction.newBuilder(late).setUtcOffsetMinutes(-60).build(),
                        null,
                        anyMerchant -> null)
                .features();

        assertThat(sundayNight.get(Names.LOCAL_HOUR)).isEqualTo(1);
        assertThat(sundayNight.get(Names.NIGHT_TIME)).isEqualTo(1);
        assertThat(sundayNight.get(Names.WEEKEND)).isEqualTo(1);
        assertThat(monday.get(Names.LOCAL_HOUR)).isEqualTo(5);
        assertThat(monday.get(Names.NIGHT_TIME)).isEqualTo(1);
        assertThat(monday.get(Names.WEEKEND)).isEqualTo(0);
        assertThat(saturdayEvening.get(Names.LOCAL_HOUR)).isEqualTo(22);
        assertThat(saturdayEvening.get(Names.NIGHT_TIME)).isEqualTo(0);
        assertThat(saturdayEvening.get(Names.WEEKEND)).isEqualTo(1);
    }

    @Test
    void flagsAMerchantAndAnMccNewForTheCard() {
        CardProfile before = fold(List.of(tx("tx-1", 100, HOME, MIDNIGHT)));
        Transaction elsewhere = Transaction.newBuilder(tx("tx-2", 100, HOME, ONE_HOUR_LATER))
                .setMerchantId("m-jeweller")
                .setMcc("5944")
                .build();

        FeatureVector again = CardFeatures.next(
                        before, tx("tx-2", 100, HOME, ONE_HOUR_LATER), null, anyMerchant -> null)
                .features();
        FeatureVector fresh =
                CardFeatures.next(before, elsewhere, null, anyMerchant -> null).features();

        assertThat(again.get(Names.NEW_MERCHANT)).isEqualTo(0);
        assertThat(again.get(Names.NEW_MCC)).isEqualTo(0);
        assertThat(fresh.get(Names.NEW_MERCHANT)).isEqualTo(1);
        assertThat(fresh.get(Names.NEW_MCC)).isEqualTo(1);
        // a first transaction has no history to be new against
        assertThat(CardFeatures.next(CardProfile.EMPTY, elsewhere, null, anyMerchant -> null)
                        .features()
                        .get(Names.NEW_MERCHANT))
                .isEqualTo(0);
    }

    @Test
    void takesMerchantRiskWhenKnownAndNeutralDefaultsOtherwise() {
        MerchantRisk risk = MerchantRisk.newBuilder()
                .setBankId("bank-a")
                .setMerchantId("m-grocer")
                .setReferenceTime(MIDNIGHT)
                .setLabelDelayDays(7)
                .setTransactions1d(10)
                .setTransactions7d(70)
                .setTransactions30d(300)
                .setFraudRate1d(0.1)
                .setFraudRate7d(0.05)
                .setFraudRate30d(0.02)
                .setComputedAt(MIDNIGHT)
                .build();

        FeatureVector known = CardFeatures.next(
                        CardProfile.EMPTY, tx("tx-1", 100, HOME, MIDNIGHT), risk, anyMerchant -> null)
                .features();
        FeatureVector unknown = CardFeatures.next(
                        CardProfile.EMPTY, tx("tx-1", 100, HOME, MIDNIGHT), null, anyMerchant -> null)
                .features();

        assertThat(known.get(Names.MERCHANT_KNOWN)).isEqualTo(1);
        assertThat(known.get(Names.MERCHANT_TX_COUNT_30D)).isEqualTo(300);
        assertThat(known.get(Names.MERCHANT_FRAUD_RATE_7D)).isEqualTo(0.05);
        assertThat(unknown.get(Names.MERCHANT_KNOWN)).isEqualTo(0);
        assertThat(unknown.get(Names.MERCHANT_TX_COUNT_1D)).isEqualTo(0);
        assertThat(unknown.get(Names.MERCHANT_FRAUD_RATE_30D)).isEqualTo(0);
        assertThat(known.get(Names.MERCHANT_FRAUD_AGE_DAYS)).isEqualTo(-1);
        assertThat(unknown.get(Names.MERCHANT_FRAUD_AGE_DAYS)).isEqualTo(-1);
    }

    @Test
    void theMerchantsFraudAgeIsTheDaysFromItsEarliestCountedFraudToThisTransaction() {
        MerchantRisk risk = MerchantRisk.newBuilder()
                .setBankId("bank-a")
                .setMerchantId("m-grocer")
                .setReferenceTime(MIDNIGHT)
                .setLabelDelayDays(7)
                .setTransactions1d(1)
                .setTransactions7d(7)
                .setTransactions30d(30)
                .setFraudRate1d(1)
                .setFraudRate7d(1)
                .setFraudRate30d(0.5)
                .setComputedAt(MIDNIGHT)
                .setEarliestFraudTime(MIDNIGHT.minus(Duration.ofDays(22)))
                .build();

        FeatureVector f = CardFeatures.next(
                        CardProfile.EMPTY,
                        tx("tx-1", 100, HOME, MIDNIGHT.plus(Duration.ofHours(12))),
                        risk,
                        anyMerchant -> null)
                .features();

        assertThat(f.get(Names.MERCHANT_FRAUD_AGE_DAYS)).isEqualTo(22.5);
    }

    @Test
    void anAncientProfileAgesToNothingWithoutNaN() {
        CardProfile before = fold(List.of(tx("tx-1", 100, HOME, MIDNIGHT)));

        FeatureVector f = CardFeatures.next(
                        before, tx("tx-2", 300, HOME, MIDNIGHT.plus(Duration.ofDays(3_650))), null, anyMerchant -> null)
                .features();

        assertThat(f.get(Names.AMOUNT_SUM_1H)).isEqualTo(300);
        assertThat(f.get(Names.TX_COUNT_24H)).isEqualTo(1);
        assertThat(f.values()).doesNotContain(Double.NaN);
    }
}
