package dev.vigil.trainer.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GatePolicyTest {

    static final GatePolicy POLICY = new GatePolicy(1000, 20, Duration.ofDays(1), 0.05, 0.01);
    /** 10,000 transactions and 40 frauds over 5 days; rules catch 20 with 30 alerts, the model 30 with as many; 90 alerts. */
    static final GateEvidence GOOD = new GateEvidence(10_000, 40, Duration.ofDays(5), 30, 30, 20, 30, 90);

    @Test
    void passesACandidateThatMeetsEveryCondition() {
        assertThat(POLICY.refusal(GOOD)).isEmpty();
    }

    @Test
    void refusesAWindowWithTooFewTransactions() {
        GateEvidence small = new GateEvidence(999, 40, Duration.ofDays(5), 3, 3, 2, 3, 9);
        assertThat(POLICY.refusal(small)).contains("the evaluation window holds 999 transactions, fewer than 1000");
    }

    @Test
    void refusesAWindowWithTooFewLabelledFrauds() {
        GateEvidence fewFrauds = new GateEvidence(10_000, 19, Duration.ofDays(5), 30, 30, 10, 15, 90);
        assertThat(POLICY.refusal(fewFrauds)).contains("the evaluation window holds 19 labelled frauds, fewer than 20");
    }

    @Test
    void refusesAWindowThatSpansTooLittleTime() {
        GateEvidence burst = new GateEvidence(10_000, 40, Duration.ofHours(23), 30, 30, 20, 30, 90);
        assertThat(POLICY.refusal(burst)).contains("the evaluation window's transactions span PT23H, less than PT24H");
    }

    @Test
    void refusesACandidateThatDoesNotBeatTheRulesByTheMargin() {
        // 21 of 40 against the rules' 20 of 40: 0.525 < 0.50 + 0.05
        GateEvidence close = new GateEvidence(10_000, 40, Duration.ofDays(5), 30, 30, 20, 21, 90);
        assertThat(POLICY.refusal(close))
                .contains("recall 0.5250 at alert rate 0.0030 does not beat the rules' recall 0.5000 by 0.0500");
    }

    @Test
    void refusesACandidateAboveTheAlertBudget() {
        GateEvidence loud = new GateEvidence(10_000, 40, Duration.ofDays(5), 30, 30, 20, 30, 101);
        assertThat(POLICY.refusal(loud))
                .contains("alert rate 0.0101 at its thresholds (rules included) exceeds the alert budget 0.0100");
    }

    @Test
    void namesTheFirstFailedConditionOnly() {
        GateEvidence bad = new GateEvidence(10, 1, Duration.ZERO, 0, 0, 0, 0, 10);
        assertThat(POLICY.refusal(bad)).get().asString().startsWith("the evaluation window holds 10 transactions");
    }

    @Test
    void refusesABudgetThatIsNotAShare() {
        assertThatThrownBy(() -> new GatePolicy(1, 1, Duration.ZERO, 0, 1.0))
                .hasMessage("the alert budget must be a share in (0, 1): 1.0");
    }
}
