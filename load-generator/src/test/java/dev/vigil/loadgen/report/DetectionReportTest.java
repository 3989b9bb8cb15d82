package dev.vigil.loadgen.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.loadgen.scenario.Scenario;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectionReportTest {

    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void recallPerScenarioPrecisionAndAlertRateCountOnlyTheRunsOwnTransactions() {
        List<SentTransaction> sent = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            sent.add(new SentTransaction("g" + i, "bank-a", null, T0));
        }
        for (int i = 0; i < 4; i++) {
            sent.add(new SentTransaction("ct" + i, "bank-a", Scenario.CARD_TESTING, T0));
        }
        for (int i = 0; i < 6; i++) {
            sent.add(new SentTransaction("ha" + i, "bank-b", Scenario.HIGH_AMOUNT, T0));
        }
        List<AlertSeen> alerts = List.of(
                alert("ct0", 100),
                alert("ct1", 200),
                alert("ct2", 300), // 3 of 4 card tests
                alert("ha0", 400, "AMOUNT_FAR_ABOVE_USUAL", "BURST_OF_TRANSACTIONS"), // 1 of 6 high amounts
                alert("g1", 500, "AMOUNT_FAR_ABOVE_USUAL"), // a false positive
                alert("ct0", 900), // the same transaction twice counts once
                alert("someone-elses", 50)); // not this run's

        DetectionReport report = DetectionReport.of(sent, alerts);

        assertThat(report.scenarios())
                .containsExactly(
                        new DetectionReport.Row("card-testing", 4, 3, 0.75),
                        new DetectionReport.Row("high-amount", 6, 1, 1.0 / 6));
        assertThat(report.transactions()).isEqualTo(100);
        assertThat(report.frauds()).isEqualTo(10);
        assertThat(report.alerts()).isEqualTo(5);
        assertThat(report.alertedFrauds()).isEqualTo(4);
        assertThat(report.precision()).isEqualTo(0.8);
        assertThat(report.alertRate()).isEqualTo(0.05);
        assertThat(report.alertLatency().count()).isEqualTo(5);
        assertThat(report.alertLatency().p50()).isCloseTo(300, within(1.0));
        assertThat(report.alertLatency().max()).isCloseTo(500, within(1.0));
        // each alert credited to its strongest reason once: 3 bursts, 2 amounts (one of them a fraud)
        assertThat(report.reasons())
                .containsExactly(
                        new DetectionReport.ReasonShare("BURST_OF_TRANSACTIONS", 3, 3, 0.6),
                        new DetectionReport.ReasonShare("AMOUNT_FAR_ABOVE_USUAL", 2, 1, 0.4));
        assertThat(report.render()).contains("BURST_OF_TRANSACTIONS", "60.0%", "AMOUNT_FAR_ABOVE_USUAL", "40.0%");
    }

    @Test
    void noAlertsMeansZeroRecallAndPrecisionWithoutDividingByZero() {
        DetectionReport report = DetectionReport.of(
                List.of(new SentTransaction("f", "bank-a", Scenario.ACCOUNT_TAKEOVER, T0)), List.of());

        assertThat(report.precision()).isZero();
        assertThat(report.scenarios()).containsExactly(new DetectionReport.Row("account-takeover", 1, 0, 0));
        assertThat(report.alertLatency().count()).isZero();
        assertThat(report.render()).contains("account-takeover", "precision 0.0%");
    }

    private static AlertSeen alert(String transactionId, long millisAfterSending) {
        return alert(transactionId, millisAfterSending, "BURST_OF_TRANSACTIONS");
    }

    private static AlertSeen alert(String transactionId, long millisAfterSending, String... reasons) {
        return new AlertSeen(transactionId, "bank-a", T0.plusMillis(millisAfterSending), "rules-v2", List.of(reasons));
    }
}
