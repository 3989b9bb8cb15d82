package dev.vigil.features;

import static dev.vigil.features.CardTransactions.HOME;
import static dev.vigil.features.CardTransactions.MIDNIGHT;
import static dev.vigil.features.CardTransactions.ONE_MINUTE_LATER;
import static dev.vigil.features.CardTransactions.tx;
import static dev.vigil.features.FeatureSchema.Names.AMOUNT_MEAN;
import static dev.vigil.features.FeatureSchema.Names.AMOUNT_MINOR;
import static dev.vigil.features.FeatureSchema.Names.AMOUNT_STD;
import static dev.vigil.features.FeatureSchema.Names.AMOUNT_TO_MEAN_RATIO;
import static dev.vigil.features.FeatureSchema.Names.AMOUNT_Z_SCORE;
import static dev.vigil.features.FeatureSchema.Names.PRIOR_COUNT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.MerchantRisk;
import dev.vigil.events.Transaction;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Zero-amount transactions (card verifications: an account check without a charge) reach the
 * scorer and the trainer; card testing uses them. Every feature must stay finite for them, before
 * and after a history of them, or a model or a rule would see NaN or infinity.
 */
class ZeroAmountFeaturesTest {

    private static final MerchantRisk GROCER_RISK = MerchantRisk.newBuilder()
            .setBankId("bank-a")
            .setMerchantId("m-grocer")
            .setReferenceTime(MIDNIGHT)
            .setLabelDelayDays(7)
            .setTransactions1d(0)
            .setTransactions7d(0)
            .setTransactions30d(0)
            .setFraudRate1d(0)
            .setFraudRate7d(0)
            .setFraudRate30d(0)
            .setComputedAt(MIDNIGHT)
            .build();

    @Test
    void aVerificationOnANewCardGivesFiniteFeatures() {
        FeatureVector features = CardFeatures.next(
                        CardProfile.EMPTY, tx("tx-verify", 0, HOME, MIDNIGHT), GROCER_RISK, anyMerchant -> null)
                .features();

        assertThat(features.get(AMOUNT_MINOR)).isZero();
        assertFinite(features);
    }

    @Test
    void verificationsAfterVerificationsGiveFiniteFeaturesWithAZeroMeanAndNoRatio() {
        List<Transaction> verifications = List.of(
                tx("tx-verify-1", 0, HOME, MIDNIGHT),
                tx("tx-verify-2", 0, HOME, ONE_MINUTE_LATER),
                tx("tx-verify-3", 0, HOME, ONE_MINUTE_LATER.plus(Duration.ofMinutes(1))));
        CardProfile profile = CardProfile.EMPTY;
        FeatureVector last = null;
        for (Transaction tx : verifications) {
            CardFeatures.Step step = CardFeatures.next(profile, tx, GROCER_RISK, anyMerchant -> null);
            profile = step.profile();
            last = step.features();
            assertFinite(last);
        }

        assertThat(last.get(PRIOR_COUNT)).isEqualTo(2);
        assertThat(last.get(AMOUNT_MEAN)).isZero();
        assertThat(last.get(AMOUNT_STD)).isZero();
        assertThat(last.get(AMOUNT_TO_MEAN_RATIO)).as("no ratio to a zero mean").isZero();
        assertThat(last.get(AMOUNT_Z_SCORE)).isZero();
    }

    @Test
    void aPurchaseAfterOnlyVerificationsHasAFiniteZScoreAndNoRatio() {
        CardProfile afterVerifications = CardTransactions.fold(
                List.of(tx("tx-verify-1", 0, HOME, MIDNIGHT), tx("tx-verify-2", 0, HOME, ONE_MINUTE_LATER)));

        FeatureVector purchase = CardFeatures.next(
                        afterVerifications,
                        tx("tx-buy", 250_00, HOME, ONE_MINUTE_LATER.plus(Duration.ofMinutes(5))),
                        GROCER_RISK,
                        anyMerchant -> null)
                .features();

        assertFinite(purchase);
        assertThat(purchase.get(AMOUNT_TO_MEAN_RATIO))
                .as("no ratio to a zero mean")
                .isZero();
        assertThat(purchase.get(AMOUNT_Z_SCORE))
                .as("a large but finite surprise")
                .isPositive();
    }

    @Test
    void aVerificationAfterPurchasesHasAZeroRatioAndANegativeZScore() {
        CardProfile afterPurchases = CardTransactions.fold(CardTransactions.dailyHistory(5, 40_00));

        FeatureVector verification = CardFeatures.next(
                        afterPurchases,
                        tx("tx-verify", 0, HOME, MIDNIGHT.plus(Duration.ofDays(5))),
                        GROCER_RISK,
                        anyMerchant -> null)
                .features();

        assertFinite(verification);
        assertThat(verification.get(AMOUNT_TO_MEAN_RATIO)).isZero();
        assertThat(verification.get(AMOUNT_Z_SCORE)).isNegative();
    }

    /** Every feature by name, so a failure says which one is not finite. */
    private static void assertFinite(FeatureVector features) {
        for (String name : features.schema().names()) {
            assertThat(features.get(name)).as(name).isFinite();
        }
    }
}
