package dev.vigil.alerts.disposition;

import static dev.vigil.alerts.AlertFixtures.NINE_FIFTEEN;
import static dev.vigil.alerts.AlertFixtures.alert;
import static dev.vigil.alerts.AlertFixtures.newBank;
import static dev.vigil.alerts.AlertTopic.WITHIN_SECONDS;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.vigil.alerts.AlertTopic;
import dev.vigil.alerts.Tokens;
import dev.vigil.events.Alert;
import dev.vigil.events.TransactionLabel;
import dev.vigil.schemas.Topics;
import dev.vigil.stack.testing.JwtKeysResource;
import dev.vigil.stack.testing.LocalStackResource;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Analysts' decisions against the local stack: the alert changes, and a label reaches transaction-labels. */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
@WithTestResource(JwtKeysResource.class)
class DispositionsApiIT {

    final AlertTopic topic = new AlertTopic();

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry meters;

    private static ValidatableResponse decideAs(
            Alert alert, String analyst, String disposition, String note, int version) {
        String token = Tokens.demo().mint(analyst, alert.getBankId(), "analyst", Duration.ofMinutes(5));
        Map<String, Object> body = note == null
                ? Map.of("disposition", disposition, "version", version)
                : Map.of("disposition", disposition, "note", note, "version", version);
        return Tokens.withToken(token)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/alerts/{id}/disposition", alert.getAlertId())
                .then();
    }

    @Test
    void aDecisionCanBeReopenedAndDecidedAgainAndTheHistoryKeepsWhoDecidedWhatAndWhen() {
        Alert alert = storedAlert("tx-reopened");

        decideAs(alert, "ana", "CONFIRMED_FRAUD", "cardholder disputes", 0)
                .statusCode(200)
                .body("version", equalTo(1));
        decideAs(alert, "bob", "REOPEN", "dispute withdrawn", 1)
                .statusCode(200)
                .body("status", equalTo("OPEN"))
                .body("version", equalTo(2))
                .body("labelId", nullValue());
        Tokens.asApp(alert.getBankId())
                .get("/api/v1/alerts/{id}", alert.getAlertId())
                .then()
                .body("status", equalTo("OPEN"))
                .body("disposition", nullValue());
        decideAs(alert, "ana", "FALSE_POSITIVE", null, 2).statusCode(200).body("version", equalTo(3));

        Tokens.asApp(alert.getBankId())
                .get("/api/v1/alerts/{id}/history", alert.getAlertId())
                .then()
                .statusCode(200)
                .body("version", contains(1, 2, 3))
                .body("status", contains("CONFIRMED_FRAUD", "OPEN", "FALSE_POSITIVE"))
                .body("analyst", contains("ana", "bob", "ana"))
                .body("note[1]", equalTo("dispute withdrawn"))
                .body("decidedAt", everyItem(notNullValue()));
    }

    @Test
    void theHistoryIsAppendOnly() throws SQLException {
        Alert alert = storedAlert("tx-history-kept");
        decideAs(alert, "ana", "CONFIRMED_FRAUD", null, 0).statusCode(200);

        try (Connection connection = dataSource.getConnection();
                Statement rewrite = connection.createStatement()) {
            SQLException refused = catchThrowableOfType(
                    SQLException.class,
                    () -> rewrite.executeUpdate("UPDATE disposition_history SET analyst = 'someone-else'"));
            assertThat(refused.getMessage()).contains("append-only");
            SQLException deleted = catchThrowableOfType(
                    SQLException.class, () -> rewrite.executeUpdate("DELETE FROM disposition_history"));
            assertThat(deleted.getMessage()).contains("append-only");
        }
        Tokens.asApp(alert.getBankId())
                .get("/api/v1/alerts/{id}/history", alert.getAlertId())
                .then()
                .body("analyst", contains("ana"));
    }

    @Test
    void anotherBanksHistoryIsNotFound() {
        Alert alert = storedAlert("tx-history-private");

        Tokens.asApp(newBank())
                .get("/api/v1/alerts/{id}/history", alert.getAlertId())
                .then()
                .statusCode(404);
    }

    @Test
    void aConfirmedFraudChangesTheAlertAndSendsAFraudLabelByAnAnalyst() {
        Alert alert = storedAlert("tx-confirmed");
        Map<TopicPartition, Long> labelsFrom = topic.endOffsets(Topics.TRANSACTION_LABELS.name());

        Tokens.as(alert.getBankId(), "analyst")
                .contentType(ContentType.JSON)
                .body(Map.of("disposition", "CONFIRMED_FRAUD", "note", "cardholder did not pay", "version", 0))
                .post("/api/v1/alerts/{id}/disposition", alert.getAlertId())
                .then()
                .statusCode(200)
                .body("status", equalTo("CONFIRMED_FRAUD"))
                .body("version", equalTo(1));

        Tokens.asApp(alert.getBankId())
                .get("/api/v1/alerts/{id}", alert.getAlertId())
                .then()
                .statusCode(200)
                .body("status", equalTo("CONFIRMED_FRAUD"))
                .body("version", equalTo(1))
                .body("disposition.analyst", equalTo("analyst@" + alert.getBankId()))
                .body("disposition.note", equalTo("cardholder did not pay"));
        TransactionLabel label = topic.label(topic.awaitRecord(labelsFrom, alert.getCardToken()));
        assertThat(label.getLabelId()).isEqualTo(Dispositions.labelId(alert.getAlertId(), 1));
        assertThat(label.getBankId()).isEqualTo(alert.getBankId());
        assertThat(label.getTransactionId()).isEqualTo("tx-confirmed");
        assertThat(label.getLabel().name()).isEqualTo("FRAUD");
        assertThat(label.getSource().name()).isEqualTo("ANALYST");
        assertThat(label.getTransactionTime()).isEqualTo(NINE_FIFTEEN);
        assertThat(label.getNote()).isEqualTo("cardholder did not pay");
    }

    @Test
    void aDecisionOnAStaleVersionIsAConflict() {
        Alert alert = storedAlert("tx-stale");
        decide(alert, "FALSE_POSITIVE", 0).then().statusCode(200);

        decide(alert, "CONFIRMED_FRAUD", 0)
                .then()
                .statusCode(409)
                .contentType(containsString("application/problem+json"))
                .body("detail", containsString("version 1"));
        Tokens.asApp(alert.getBankId())
                .get("/api/v1/alerts/{id}", alert.getAlertId())
                .then()
                .body("status", equalTo("FALSE_POSITIVE"));
    }

    @Test
    void ofConcurrentDecisionsOnTheSameVersionExactlyOneWinsAndOneLabelIsQueued() throws Exception {
        Alert alert = storedAlert("tx-race");
        ExecutorService analysts = Executors.newFixedThreadPool(8);
        List<Callable<Integer>> decisions = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String verdict = i % 2 == 0 ? "CONFIRMED_FRAUD" : "FALSE_POSITIVE";
            decisions.add(() -> decide(alert, verdict, 0).statusCode());
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> answer : analysts.invokeAll(decisions)) {
            statuses.add(answer.get());
        }
        analysts.shutdown();

        assertThat(statuses).containsOnly(200, 409);
        assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
        assertThat(outboxRows(alert.getTransactionId(), alert.getBankId())).isEqualTo(1);
    }

    @Test
    void aLabelCommittedButNotSentBeforeACrashIsSentByTheRelay() throws SQLException {
        Alert alert = alert(newBank(), "tx-crashed", NINE_FIFTEEN, 0.9);
        Map<TopicPartition, Long> labelsFrom = topic.endOffsets(Topics.TRANSACTION_LABELS.name());

        // what a process killed right after committing a decision leaves behind: an unsent outbox row
        String labelId = Dispositions.labelId(alert.getAlertId(), 1);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(Dispositions.OUTBOX)) {
            insert.setString(1, labelId);
            insert.setString(2, alert.getBankId());
            insert.setString(3, alert.getTransactionId());
            insert.setString(4, alert.getCardToken());
            insert.setString(5, "GENUINE");
            insert.setObject(6, NINE_FIFTEEN.plusSeconds(600).atOffset(ZoneOffset.UTC));
            insert.setObject(7, NINE_FIFTEEN.atOffset(ZoneOffset.UTC));
            insert.setString(8, null);
            insert.executeUpdate();
        }

        TransactionLabel label = topic.label(topic.awaitRecord(labelsFrom, alert.getCardToken()));
        assertThat(label.getLabelId()).isEqualTo(labelId);
        assertThat(label.getLabel().name()).isEqualTo("GENUINE");
        await().atMost(WITHIN_SECONDS).until(() -> sentAt(labelId) != null);
    }

    @Test
    void aDecisionOnAnUnknownAlertIsA404Problem() {
        Tokens.as(newBank(), "analyst")
                .contentType(ContentType.JSON)
                .body(Map.of("disposition", "CONFIRMED_FRAUD", "version", 0))
                .post("/api/v1/alerts/{id}/disposition", "no-such-alert")
                .then()
                .statusCode(404)
                .contentType(containsString("application/problem+json"));
    }

    @Test
    void aBadDecisionIsA400ProblemNamingEachField() {
        Tokens.as(newBank(), "analyst")
                .contentType(ContentType.JSON)
                .body(Map.of("disposition", "MAYBE"))
                .post("/api/v1/alerts/{id}/disposition", "any-alert")
                .then()
                .statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("errors.field", equalTo(List.of("disposition", "version")));
    }

    @Test
    void aCommittedDecisionIsCountedByVerdictAndARefusedOneIsNot() {
        Alert alert = storedAlert("tx-counted");
        double confirmed = decided("CONFIRMED_FRAUD");
        double falsePositives = decided("FALSE_POSITIVE");

        decide(alert, "CONFIRMED_FRAUD", 0).then().statusCode(200);
        decide(alert, "FALSE_POSITIVE", 0).then().statusCode(409);
        Tokens.as(alert.getBankId(), "analyst")
                .contentType(ContentType.JSON)
                .body(Map.of("disposition", "FALSE_POSITIVE", "version", 0))
                .post("/api/v1/alerts/{id}/disposition", "no-such-alert")
                .then()
                .statusCode(404);

        assertThat(decided("CONFIRMED_FRAUD")).isEqualTo(confirmed + 1);
        assertThat(decided("FALSE_POSITIVE")).isEqualTo(falsePositives);
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString(
                        "vigil_alerts_dispositions_total{disposition=\"CONFIRMED_FRAUD\"} " + (confirmed + 1)))
                .body(containsString(
                        "vigil_alerts_dispositions_total{disposition=\"FALSE_POSITIVE\"} " + falsePositives));
    }

    @Test
    void aDeliveredLabelIsCountedAndLeavesNoLabelPending() throws SQLException {
        await().atMost(WITHIN_SECONDS).until(() -> pendingLabels() == 0);
        double delivered = deliveredLabels();
        Alert alert = storedAlert("tx-delivered");

        decide(alert, "FALSE_POSITIVE", 0).then().statusCode(200);

        String labelId = Dispositions.labelId(alert.getAlertId(), 1);
        await().atMost(WITHIN_SECONDS).until(() -> sentAt(labelId) != null && deliveredLabels() == delivered + 1);
        assertThat(pendingLabels()).isZero();
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("vigil_alerts_outbox_delivered_total " + (delivered + 1)))
                .body(containsString("vigil_alerts_outbox_pending 0.0"));
    }

    /** The relay's pending gauge comes from its batch query: the count must cover every unsent label, not just the batch. */
    @Test
    void theRelaysBatchQueryCountsEveryUnsentLabel() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement ddl = connection.createStatement()) {
            // a table of this session's own, shadowing the real one, so the running relay does not drain it
            ddl.execute("CREATE TEMP TABLE label_outbox (LIKE public.label_outbox INCLUDING ALL)");
            try {
                for (int i = 0; i < 4; i++) {
                    try (PreparedStatement insert = connection.prepareStatement(Dispositions.OUTBOX)) {
                        insert.setString(1, "label-" + i);
                        insert.setString(2, "bank-temp");
                        insert.setString(3, "tx-" + i);
                        insert.setString(4, "tok-temp");
                        insert.setString(5, "FRAUD");
                        insert.setObject(6, NINE_FIFTEEN.atOffset(ZoneOffset.UTC));
                        insert.setObject(7, NINE_FIFTEEN.atOffset(ZoneOffset.UTC));
                        insert.setString(8, null);
                        insert.executeUpdate();
                    }
                }
                ddl.executeUpdate("UPDATE label_outbox SET sent_at = now() WHERE label_id = 'label-0'");

                List<String> batch = new ArrayList<>();
                List<Long> unsent = new ArrayList<>();
                try (PreparedStatement select = connection.prepareStatement(LabelRelay.UNSENT)) {
                    select.setInt(1, 2);
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            batch.add(rs.getString("label_id"));
                            unsent.add(rs.getLong("unsent"));
                        }
                    }
                }

                assertThat(batch).containsExactly("label-1", "label-2");
                assertThat(unsent).containsOnly(3L);
            } finally {
                ddl.execute("DROP TABLE pg_temp.label_outbox");
            }
        }
    }

    private double decided(String disposition) {
        return meters.get(Dispositions.DECIDED)
                .tag("disposition", disposition)
                .counter()
                .count();
    }

    private double deliveredLabels() {
        return meters.get(OutboxMetrics.DELIVERED).counter().count();
    }

    private double pendingLabels() {
        return meters.get(OutboxMetrics.PENDING).gauge().value();
    }

    private Alert storedAlert(String transactionId) {
        Alert alert = alert(newBank(), transactionId, NINE_FIFTEEN, 0.9);
        topic.produce(alert);
        await().atMost(WITHIN_SECONDS)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> Tokens.asApp(alert.getBankId())
                                .get("/api/v1/alerts/{id}", alert.getAlertId())
                                .statusCode()
                        == 200);
        return alert;
    }

    private static io.restassured.response.Response decide(Alert alert, String verdict, int version) {
        return Tokens.as(alert.getBankId(), "analyst")
                .contentType(ContentType.JSON)
                .body(Map.of("disposition", verdict, "version", version))
                .post("/api/v1/alerts/{id}/disposition", alert.getAlertId());
    }

    private int outboxRows(String transactionId, String bankId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT count(*) FROM label_outbox WHERE transaction_id = ? AND bank_id = ?")) {
            select.setString(1, transactionId);
            select.setString(2, bankId);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private Object sentAt(String labelId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select =
                        connection.prepareStatement("SELECT sent_at FROM label_outbox WHERE label_id = ?")) {
            select.setString(1, labelId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getObject(1) : null;
            }
        }
    }
}
