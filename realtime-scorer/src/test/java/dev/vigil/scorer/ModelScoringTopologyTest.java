package dev.vigil.scorer;

import static dev.vigil.scorer.CardTransactions.CARD;
import static dev.vigil.scorer.CardTransactions.HOME;
import static dev.vigil.scorer.CardTransactions.MIDNIGHT;
import static dev.vigil.scorer.CardTransactions.OTHER_CARD;
import static dev.vigil.scorer.CardTransactions.tx;
import static dev.vigil.scorer.Models.sigmoid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.events.Alert;
import dev.vigil.events.Decision;
import dev.vigil.events.MerchantRisk;
import dev.vigil.events.ModelBundle;
import dev.vigil.events.Transaction;
import dev.vigil.events.TransactionScore;
import dev.vigil.features.CardProfile;
import dev.vigil.features.FeatureSchema;
import dev.vigil.features.rules.RulesScorer;
import dev.vigil.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Models and merchant risk as global state, the scores topic, and idle-profile expiry. */
class ModelScoringTopologyTest {

    static final double LOW = -5;
    static final double HIGH = 5;

    @TempDir
    Path stateDir;

    ScorerDriver scorer;

    @BeforeEach
    void startDriver() {
        scorer = new ScorerDriver(stateDir);
    }

    @AfterEach
    void closeDriver() {
        scorer.close();
    }

    @Test
    void withoutAModelTheRulesScoreEveryRecordOntoTheScoresTopic() {
        for (int i = 0; i < 5; i++) {
            scorer.send(tx("tx-" + i, 1_000, HOME, MIDNIGHT.plus(Duration.ofDays(i))));
        }

        List<TransactionScore> scores = scorer.scores.readValuesToList();
        assertThat(scores).hasSize(5).allSatisfy(score -> {
            assertThat(score.getModelVersion()).isEqualTo(RulesScorer.VERSION);
            assertThat(score.getFeatureSchema()).isEqualTo("card-v7");
            assertThat(score.getFeatures()).hasSize(FeatureSchema.CURRENT.size());
            assertThat(score.getAlerted()).isFalse();
            assertThat(score.getScoredAt()).isEqualTo(CardTransactions.SCORED_AT);
        });
        assertThat(scores)
                .extracting(TransactionScore::getTransactionId)
                .containsExactly("tx-0", "tx-1", "tx-2", "tx-3", "tx-4");
    }

    @Test
    void aPublishedModelScoresTheNextRecordAndItsAlertCarriesTheVersion() {
        scorer.send(tx("tx-before", 1_000, HOME, MIDNIGHT));
        scorer.publish(Models.constant(Topics.ALL_BANKS, "lr-high", HIGH));
        scorer.send(tx("tx-after", 1_000, HOME, MIDNIGHT.plusSeconds(60)));

        List<TransactionScore> scores = scorer.scores.readValuesToList();
        assertThat(scores.get(0).getModelVersion()).isEqualTo(RulesScorer.VERSION);
        assertThat(scores.get(1).getModelVersion()).isEqualTo("lr-high");
        assertThat(scores.get(1).getScore()).isCloseTo(sigmoid(HIGH), within(1e-12));
        assertThat(scores.get(1).getDecision()).isEqualTo(Decision.DECLINE);
        Alert alert = scorer.alerts.readValue();
        assertThat(alert.getTransactionId()).isEqualTo("tx-after");
        assertThat(alert.getModelVersion()).isEqualTo("lr-high");
        assertThat(scorer.meters
                        .find(ScorerMetrics.MODEL)
                        .tag("version", "lr-high")
                        .gauge())
                .isNotNull();
    }

    @Test
    void aScoreBelowTheModelsOwnReviewThresholdIsApprovedAndRaisesNoAlert() {
        // 0.73: above the rules' review-at (0.5), below this model's review threshold (0.9)
        ModelBundle strict = ModelBundle.newBuilder(Models.constant(Topics.ALL_BANKS, "lr-strict", 1.0))
                .setReviewThreshold(0.9)
                .setDeclineThreshold(0.99)
                .build();
        scorer.publish(strict);
        scorer.send(tx("tx-middling", 1_000, HOME, MIDNIGHT));

        TransactionScore score = scorer.scores.readValue();
        assertThat(score.getScore()).isCloseTo(sigmoid(1.0), within(1e-12));
        assertThat(score.getDecision()).isEqualTo(Decision.APPROVE);
        assertThat(score.getAlerted()).isFalse();
        assertThat(scorer.alerts.isEmpty())
                .as("an alert is a transaction sent to review or declined")
                .isTrue();
    }

    @Test
    void aHotSwapUnderTrafficNeverScoresARecordWithAMixOfModels() {
        List<String> published = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            if (i % 7 == 0) {
                boolean high = (i / 7) % 2 == 0;
                String version = (high ? "lr-high-" : "lr-low-") + i;
                scorer.publish(Models.constant(Topics.ALL_BANKS, version, high ? HIGH : LOW));
                published.add(version);
            }
            scorer.send(tx(
                    i % 2 == 0 ? CARD : OTHER_CARD,
                    "tx-" + i,
                    1_000,
                    HOME,
                    MIDNIGHT.plus(Duration.ofMinutes(10L * i))));
        }

        List<TransactionScore> scores = scorer.scores.readValuesToList();
        assertThat(scores).hasSize(60);
        for (int i = 0; i < 60; i++) {
            TransactionScore score = scores.get(i);
            // the model in force is the latest published before the record
            assertThat(score.getModelVersion()).isEqualTo(published.get(i / 7));
            double expected = score.getModelVersion().startsWith("lr-high") ? sigmoid(HIGH) : sigmoid(LOW);
            assertThat(score.getScore())
                    .as("score of %s", score.getTransactionId())
                    .isCloseTo(expected, within(1e-12));
        }
        // only the model in force has a gauge
        assertThat(scorer.meters.find(ScorerMetrics.MODEL).gauges()).hasSize(1);
    }

    @Test
    void aBundleThatFailsValidationIsRejectedCountedAndThePreviousModelKeepsScoring() {
        scorer.publish(Models.constant(Topics.ALL_BANKS, "lr-good", LOW));
        ModelBundle wrongSchema = ModelBundle.newBuilder(Models.constant(Topics.ALL_BANKS, "lr-bad", HIGH))
                .setFeatureSchema("card-v1")
                .build();
        scorer.publish(wrongSchema);

        scorer.send(tx("tx-1", 1_000, HOME, MIDNIGHT));

        assertThat(scorer.scores.readValue().getModelVersion()).isEqualTo("lr-good");
        assertThat(scorer.counter(ScorerMetrics.MODELS_REJECTED, "scope", Topics.ALL_BANKS))
                .isEqualTo(1);
        KeyValueStore<String, byte[]> accepted = scorer.driver.getKeyValueStore(ScoringTopology.MODELS_STORE);
        assertThat(accepted.approximateNumEntries()).isEqualTo(1);
    }

    @Test
    void aBanksOwnModelWinsOverTheModelForAllBanks() {
        scorer.publish(Models.constant(Topics.ALL_BANKS, "lr-everyone", LOW));
        scorer.publish(Models.constant("bank-a", "lr-bank-a", HIGH));
        scorer.publish(Models.constant("bank-b", "lr-bank-b", LOW));

        scorer.send(tx("tx-1", 1_000, HOME, MIDNIGHT));

        assertThat(scorer.scores.readValue().getModelVersion()).isEqualTo("lr-bank-a");
    }

    @Test
    void merchantRiskIsJoinedIntoTheFeaturesBankFirstThenAllBanks() {
        scorer.publish(risk(Topics.ALL_BANKS, 0.01));
        scorer.send(tx("tx-1", 1_000, HOME, MIDNIGHT));
        scorer.publish(risk("bank-a", 0.2));
        scorer.send(tx("tx-2", 1_000, HOME, MIDNIGHT.plusSeconds(60)));

        List<TransactionScore> scores = scorer.scores.readValuesToList();
        int known = FeatureSchema.CURRENT.indexOf(FeatureSchema.Names.MERCHANT_KNOWN);
        int rate = FeatureSchema.CURRENT.indexOf(FeatureSchema.Names.MERCHANT_FRAUD_RATE_7D);
        assertThat(scores.get(0).getFeatures().get(known)).isEqualTo(1.0);
        assertThat(scores.get(0).getFeatures().get(rate)).isEqualTo(0.01);
        assertThat(scores.get(1).getFeatures().get(rate)).isEqualTo(0.2);
        assertThat(scorer.meters
                        .find("vigil.scorer.merchant.risk.applied")
                        .counter()
                        .count())
                .isEqualTo(2);
    }

    @Test
    void aCardCarriesTheCommonPointScoreOfAShopItBoughtAtThatTheTableFlaggedSince() {
        scorer.send(tx("tx-1", 1_000, HOME, MIDNIGHT));
        scorer.publish(MerchantRisk.newBuilder(risk("bank-a", 0.0))
                .setCommonPointCards(40)
                .setCommonPointDefraudedCards(12)
                .setCommonPointScore(0.24)
                .build());
        scorer.send(Transaction.newBuilder(tx("tx-2", 3_000, HOME, MIDNIGHT.plus(Duration.ofDays(3))))
                .setMerchantId("m-web")
                .build());

        List<TransactionScore> scores = scorer.scores.readValuesToList();
        int score = FeatureSchema.CURRENT.indexOf(FeatureSchema.Names.COMMON_POINT_SCORE);
        int defrauded = FeatureSchema.CURRENT.indexOf(FeatureSchema.Names.COMMON_POINT_DEFRAUDED_CARDS);
        assertThat(scores.get(0).getFeatures().get(score)).isZero();
        assertThat(scores.get(1).getFeatures().get(score)).isEqualTo(0.24);
        assertThat(scores.get(1).getFeatures().get(defrauded)).isEqualTo(12.0);
    }

    @Test
    void anUnknownMerchantGetsNeutralMerchantFeatures() {
        scorer.send(tx("tx-1", 1_000, HOME, MIDNIGHT));

        int known = FeatureSchema.CURRENT.indexOf(FeatureSchema.Names.MERCHANT_KNOWN);
        assertThat(scorer.scores.readValue().getFeatures().get(known)).isEqualTo(0.0);
    }

    @Test
    void idleProfilesExpireAndTheStoreIsEmptied() {
        scorer.send(tx(CARD, "tx-1", 1_000, HOME, MIDNIGHT));
        assertThat(profiles().get(CARD)).isNotNull();

        // stream time passes the 30-day idle period (and a scan interval) on another card's record
        scorer.send(tx(OTHER_CARD, "tx-2", 1_000, HOME, MIDNIGHT.plus(Duration.ofDays(31))));
        assertThat(profiles().get(CARD)).isNull();
        assertThat(profiles().get(OTHER_CARD)).isNotNull();

        // and the last one goes once it is idle too
        scorer.send(tx(CARD, "tx-3", 1_000, HOME, MIDNIGHT.plus(Duration.ofDays(62))));
        assertThat(profiles().get(OTHER_CARD)).isNull();
        assertThat(profiles().get(CARD).count())
                .as("a new profile, the old one having expired")
                .isEqualTo(1);
        assertThat(scorer.meters.find("vigil.scorer.profiles.expired").counter().count())
                .isEqualTo(2);
    }

    static MerchantRisk risk(String scope, double fraudRate7d) {
        return MerchantRisk.newBuilder()
                .setBankId(scope)
                .setMerchantId("m-grocer")
                .setReferenceTime(MIDNIGHT)
                .setLabelDelayDays(7)
                .setTransactions1d(10)
                .setTransactions7d(70)
                .setTransactions30d(300)
                .setFraudRate1d(fraudRate7d)
                .setFraudRate7d(fraudRate7d)
                .setFraudRate30d(fraudRate7d)
                .setComputedAt(MIDNIGHT)
                .build();
    }

    KeyValueStore<String, CardProfile> profiles() {
        return scorer.driver.getKeyValueStore(ScoringTopology.PROFILES_STORE);
    }
}
