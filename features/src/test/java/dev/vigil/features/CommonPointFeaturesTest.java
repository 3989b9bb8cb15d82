package dev.vigil.features;

import static dev.vigil.features.CardTransactions.HOME;
import static dev.vigil.features.CardTransactions.MIDNIGHT;
import static dev.vigil.features.CardTransactions.fold;
import static dev.vigil.features.CardTransactions.tx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.MerchantRisk;
import dev.vigil.events.Transaction;
import dev.vigil.features.FeatureSchema.Names;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Card-v4's exposure to a common point of purchase: the riskiest merchant the card bought at lately. */
class CommonPointFeaturesTest {

    static final Instant TWO_WEEKS_LATER = MIDNIGHT.plus(Duration.ofDays(14));

    /** The table in force two weeks on: the shop the card used first turned out to be breached. */
    static final Map<String, MerchantRisk> TABLE = Map.of(
            "m-breached", risk("m-breached", 60, 24),
            "m-bakery", risk("m-bakery", 200, 6),
            "m-web", risk("m-web", 500, 250));

    static MerchantRisk risk(String merchant, long cards, long defrauded) {
        return MerchantRisk.newBuilder()
                .setBankId("bank-a")
                .setMerchantId(merchant)
                .setReferenceTime(TWO_WEEKS_LATER)
                .setLabelDelayDays(7)
                .setTransactions1d(1)
                .setTransactions7d(7)
                .setTransactions30d(30)
                .setFraudRate1d(0)
                .setFraudRate7d(0)
                .setFraudRate30d(0)
                .setCommonPointCards(cards)
                .setCommonPointDefraudedCards(defrauded)
                .setCommonPointScore(defrauded / (cards + 10.0))
                .setComputedAt(TWO_WEEKS_LATER)
                .build();
    }

    static Transaction at(String id, String merchant, Instant time) {
        return Transaction.newBuilder(tx(id, 2_000, HOME, time))
                .setMerchantId(merchant)
                .build();
    }

    static FeatureVector next(CardProfile before, Transaction tx) {
        return CardFeatures.next(before, tx, TABLE.get(tx.getMerchantId()), TABLE::get)
                .features();
    }

    @Test
    void theRiskiestMerchantTheCardBoughtAtInTheLast30DaysAsTheTableInForceSaysNow() {
        CardProfile before = fold(List.of(
                at("tx-1", "m-breached", MIDNIGHT),
                at("tx-2", "m-bakery", MIDNIGHT.plus(Duration.ofDays(3))),
                at("tx-3", "m-unknown", MIDNIGHT.plus(Duration.ofDays(5)))));

        FeatureVector f = next(before, at("tx-4", "m-web", TWO_WEEKS_LATER));

        // not m-web's higher score: the card had not bought there before this transaction
        assertThat(f.get(Names.COMMON_POINT_SCORE)).isEqualTo(24 / 70.0);
        assertThat(f.get(Names.COMMON_POINT_DEFRAUDED_CARDS)).isEqualTo(24);
    }

    @Test
    void aPurchaseMoreThan30DaysBeforeNoLongerExposesTheCard() {
        CardProfile before = fold(
                List.of(at("tx-1", "m-breached", MIDNIGHT), at("tx-2", "m-bakery", MIDNIGHT.plus(Duration.ofDays(3)))));

        FeatureVector f = next(before, at("tx-3", "m-web", MIDNIGHT.plus(Duration.ofDays(31))));

        assertThat(f.get(Names.COMMON_POINT_SCORE)).isEqualTo(6 / 210.0);
        assertThat(f.get(Names.COMMON_POINT_DEFRAUDED_CARDS)).isEqualTo(6);
    }

    @Test
    void aCardWithoutHistoryOrWithoutRecordedMerchantsIsNotExposed() {
        FeatureVector first = next(CardProfile.EMPTY, at("tx-1", "m-web", TWO_WEEKS_LATER));
        FeatureVector unknownOnly =
                next(fold(List.of(at("tx-1", "m-unknown", MIDNIGHT))), at("tx-2", "m-web", TWO_WEEKS_LATER));

        assertThat(first.get(Names.COMMON_POINT_SCORE)).isZero();
        assertThat(unknownOnly.get(Names.COMMON_POINT_SCORE)).isZero();
        assertThat(unknownOnly.get(Names.COMMON_POINT_DEFRAUDED_CARDS)).isZero();
    }

    @Test
    void anOutOfOrderEventDoesNotSeeLaterPurchases() {
        CardProfile before = fold(List.of(at("tx-1", "m-breached", TWO_WEEKS_LATER)));

        FeatureVector late = next(before, at("tx-0", "m-web", MIDNIGHT));

        assertThat(late.get(Names.COMMON_POINT_SCORE)).isZero();
    }

    @Test
    void theProfileKeepsEachMerchantOnceAtItsLatestPurchaseAndAnOlderOneLeavesItAlone() {
        CardProfile profile = fold(List.of(
                at("tx-1", "m-breached", MIDNIGHT),
                at("tx-2", "m-bakery", MIDNIGHT.plus(Duration.ofDays(1))),
                at("tx-3", "m-breached", MIDNIGHT.plus(Duration.ofDays(2))),
                at("tx-4", "m-bakery", MIDNIGHT.minus(Duration.ofDays(1)))));

        assertThat(profile.recentMerchants().within(MIDNIGHT.plus(Duration.ofDays(3)), Duration.ofDays(30)))
                .containsExactly(
                        new RecentMerchants.Visit("m-breached", MIDNIGHT.plus(Duration.ofDays(2))),
                        new RecentMerchants.Visit("m-bakery", MIDNIGHT.plus(Duration.ofDays(1))));
    }
}
