package dev.vigil.features;

import static dev.vigil.features.CardTransactions.HOME;
import static dev.vigil.features.CardTransactions.MIDNIGHT;
import static dev.vigil.features.CardTransactions.tx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.Decision;
import dev.vigil.events.Transaction;
import dev.vigil.events.TransactionScore;
import dev.vigil.features.model.Bundles;
import dev.vigil.features.model.ModelEvaluator;
import dev.vigil.features.rules.ReasonCode;
import dev.vigil.features.rules.RiskScore;
import dev.vigil.features.rules.RuleReason;
import dev.vigil.features.rules.RulesScorer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictTest {

    private static final FeatureSchema SCHEMA = FeatureSchema.CURRENT;
    private static final RiskScore CLEAN = new RiskScore(0.0, Decision.APPROVE, List.of());
    private static final RiskScore RULE_HIT =
            new RiskScore(0.7, Decision.REVIEW, List.of(new RuleReason(ReasonCode.values()[0], "a rule fired", 0.7)));

    /** A logistic model whose score is sigmoid(intercept) for every vector: no coefficient is used. */
    private static ModelEvaluator constantModel(double intercept) {
        double[] zeros = new double[SCHEMA.size()];
        return ModelEvaluator.compile(Bundles.logistic(SCHEMA, "lr-const", intercept, zeros, zeros, zeros), SCHEMA);
    }

    @Test
    void rulesDecideAloneWithoutAModel() {
        Verdict verdict = Verdict.of(RULE_HIT, null, new double[SCHEMA.size()]);

        assertThat(verdict.score()).isEqualTo(0.7);
        assertThat(verdict.decision()).isEqualTo(Decision.REVIEW);
        assertThat(verdict.modelVersion()).isEqualTo(RulesScorer.VERSION);
        assertThat(verdict.alert()).isTrue();
    }

    @Test
    void aModelNeverSilencesARuleHit() {
        Verdict verdict = Verdict.of(RULE_HIT, constantModel(-10), new double[SCHEMA.size()]);

        assertThat(verdict.score()).isEqualTo(0.7);
        assertThat(verdict.decision()).isEqualTo(Decision.REVIEW);
        assertThat(verdict.modelVersion()).isEqualTo("lr-const");
    }

    @Test
    void theModelsStricterDecisionWinsOverCleanRules() {
        Verdict verdict = Verdict.of(CLEAN, constantModel(10), new double[SCHEMA.size()]);

        assertThat(verdict.score()).isGreaterThan(0.99);
        assertThat(verdict.decision()).isEqualTo(Decision.DECLINE);
        assertThat(verdict.alert()).isTrue();
        assertThat(Verdict.of(CLEAN, constantModel(-10), new double[SCHEMA.size()])
                        .alert())
                .isFalse();
    }

    @Test
    void scoreRecordCarriesTheVerdictTheFeaturesAndBothTimes() {
        Transaction tx = tx("tx-1", 1250, HOME, MIDNIGHT);
        CardFeatures.Step step = CardFeatures.next(CardProfile.EMPTY, tx, null, anyMerchant -> null);
        Verdict verdict = Verdict.of(RULE_HIT, null, step.features().values());

        TransactionScore record = verdict.scoreRecord(tx, step.features(), MIDNIGHT.plus(Duration.ofMillis(40)));

        assertThat(record.getTransactionId()).isEqualTo("tx-1");
        assertThat(record.getCardToken()).isEqualTo(CardTransactions.CARD);
        assertThat(record.getScore()).isEqualTo(0.7);
        assertThat(record.getDecision()).isEqualTo(Decision.REVIEW);
        assertThat(record.getAlerted()).isTrue();
        assertThat(record.getReceivedAt()).isEqualTo(MIDNIGHT);
        assertThat(record.getScoredAt()).isEqualTo(MIDNIGHT.plusMillis(40));
        assertThat(record.getFeatureSchema()).isEqualTo(SCHEMA.id());
        assertThat(record.getFeatures())
                .hasSize(SCHEMA.size())
                .startsWith(step.features().values()[0]);
        assertThat(record.getReasons()).extracting(r -> r.getCode()).containsExactly(ReasonCode.values()[0].name());
    }
}
