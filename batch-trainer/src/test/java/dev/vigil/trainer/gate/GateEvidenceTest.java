package dev.vigil.trainer.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GateEvidenceTest {

    static final Instant MIDNIGHT = Instant.parse("2026-11-01T00:00:00Z");

    @Test
    void comparesRecallAtTheRulesAlertRateAndCountsAlertsOfRulesOrModel() {
        List<GateEvidence.Scored> rows = new ArrayList<>();
        // 4 frauds: the rules catch one (with one false alert); the model ranks two frauds highest
        rows.add(row(0, true, 0.9, false));
        rows.add(row(1, true, 0.8, false));
        rows.add(row(2, true, 0.1, true));
        rows.add(row(3, false, 0.2, true));
        rows.add(row(4, true, 0.05, false));
        for (int i = 5; i < 100; i++) {
            rows.add(row(i, false, 0.3, false));
        }

        GateEvidence evidence = GateEvidence.of(rows, 0.85, 0.01);

        assertThat(evidence.transactions()).isEqualTo(100);
        assertThat(evidence.frauds()).isEqualTo(4);
        assertThat(evidence.span()).isEqualTo(Duration.ofHours(99));
        assertThat(evidence.comparedAlerts()).as("the rules' two alerts").isEqualTo(2);
        assertThat(evidence.rulesRecall()).isEqualTo(0.25);
        assertThat(evidence.modelRecall())
                .as("its two highest scores are frauds")
                .isEqualTo(0.5);
        assertThat(evidence.alerts())
                .as("the rules' two and the one score at or above 0.85")
                .isEqualTo(3);
        assertThat(evidence.alertRate()).isEqualTo(0.03);
    }

    @Test
    void givesNoCreditForFraudsTiedWithGenuineScores() {
        List<GateEvidence.Scored> rows = new ArrayList<>();
        rows.add(row(0, true, 0.5, true));
        for (int i = 1; i < 10; i++) {
            rows.add(row(i, i < 3, 0.5, false));
        }
        // the rules alert once; a constant model's top one is, pessimistically, a genuine transaction
        assertThat(GateEvidence.of(rows, 1.0, 0.01).modelRecall()).isZero();
    }

    @Test
    void comparesAtTheBudgetWhenTheRulesRaiseNothing() {
        List<GateEvidence.Scored> rows = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            rows.add(row(i, i == 7, i == 7 ? 0.99 : 0.01, false));
        }
        GateEvidence evidence = GateEvidence.of(rows, 0.5, 0.01);
        assertThat(evidence.comparedAlerts()).isEqualTo(2);
        assertThat(evidence.rulesRecall()).isZero();
        assertThat(evidence.modelRecall()).isEqualTo(1.0);
    }

    @Test
    void comparesAtTheBudgetWhenTheRulesRaiseFewerAlerts() {
        List<GateEvidence.Scored> rows = new ArrayList<>();
        // 1,000 rows, 5 frauds: the rules alert once (a fraud); the model's five highest scores are the frauds
        for (int i = 0; i < 1000; i++) {
            boolean fraud = i % 200 == 0;
            rows.add(row(i, fraud, fraud ? 0.9 : 0.1, i == 0));
        }
        GateEvidence evidence = GateEvidence.of(rows, 0.5, 0.005);
        assertThat(evidence.comparedAlerts())
                .as("the budget's 5, not the rules' one")
                .isEqualTo(5);
        assertThat(evidence.rulesRecall()).isEqualTo(0.2);
        assertThat(evidence.modelRecall()).isEqualTo(1.0);
    }

    private static GateEvidence.Scored row(int hour, boolean fraud, double score, boolean rulesAlert) {
        return new GateEvidence.Scored(MIDNIGHT.plus(Duration.ofHours(hour)), fraud, score, rulesAlert);
    }
}
