package dev.vigil.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.events.LogisticModel;
import dev.vigil.events.ModelBundle;
import dev.vigil.events.ModelType;
import dev.vigil.features.FeatureSchema;
import dev.vigil.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the dashboards need to show something in every panel: a model in force, transactions with
 * frauds through ingest, a rejected request, a record no one can read on the transactions topic,
 * an analyst's disposition, a client refused by the rate limit, a candidate in the trainer's
 * {@code model_versions} table, and a model the scorer refuses live for alerting on everything.
 */
final class DashboardTraffic {

    static final int CARDS = 10;
    /**
     * The alert budget's window is short here, so a few transactions can get a model refused; the
     * ceiling is high, since this traffic is one seventh fraud and its honest model alerts on about
     * half of a window of twenty.
     */
    static final int BUDGET_WINDOW = 20;

    static final Map<String, String> SCORER_ENVIRONMENT =
            Map.of("VIGIL_SCORER_ALERT_WINDOW", String.valueOf(BUDGET_WINDOW), "VIGIL_SCORER_ALERT_CEILING", "0.8");

    private DashboardTraffic() {}

    /**
     * Two waves of the same shape, the second once Prometheus has scraped the first: a series is
     * born with a wave's first event, and a rate needs two scrapes of it, so only the second wave
     * gives every per-decision and per-route rate a value while traffic flows.
     */
    static void drive(Pipeline pipeline) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String bank = "bank-dashboards-" + UUID.randomUUID();
        // scoped to this bank, so the other tests on the shared stack keep scoring with the rules alone
        ModelBundle model = amountModel(bank, now);
        TopicWriter.send(pipeline.stack(), Topics.FRAUD_MODELS, model.getBankId(), model);
        recordCandidate(pipeline, model);

        wave(pipeline, bank, 0, now);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> !DashboardQueriesIT.promQuery("vigil_scorer_scored_total{decision=~\"REVIEW|DECLINE\"}")
                                .isEmpty()
                        && !DashboardQueriesIT.promQuery("http_server_requests_seconds_bucket")
                                .isEmpty());
        // the same bank, so the same model scores it and the same series move
        List<JsonNode> alerts = wave(pipeline, bank, CARDS, now);

        refusedByRateLimit(pipeline, bank);
        refusedLive(pipeline, now);

        JsonNode first = alerts.get(0);
        assertThat(Http.post(
                                pipeline.alertsUrl() + "/api/v1/alerts/"
                                        + first.get("alertId").asText() + "/disposition",
                                Map.of(
                                        "disposition",
                                        "CONFIRMED_FRAUD",
                                        "note",
                                        "cardholder confirmed",
                                        "version",
                                        first.get("version").asInt()),
                                pipeline.analystToken(bank))
                        .statusCode())
                .isBetween(200, 204);
    }

    /**
     * A bank whose model alerts on everything: after a window of its transactions the scorer falls
     * back to the rules, which the fallback counter and the alert-rate panels show.
     */
    private static void refusedLive(Pipeline pipeline, Instant now) throws Exception {
        String bank = "bank-refused-" + UUID.randomUUID();
        ModelBundle alertsOnEverything = ModelBundle.newBuilder(amountModel(bank, now))
                .setModelVersion("lr-alerts-on-everything-" + now.getEpochSecond())
                .setLogistic(LogisticModel.newBuilder(amountModel(bank, now).getLogistic())
                        .setIntercept(9.0)
                        .build())
                .build();
        TopicWriter.send(pipeline.stack(), Topics.FRAUD_MODELS, bank, alertsOnEverything);
        // cards of their own, so no other stream's profile sees these
        CardStream cards = CardStream.of(bank, 500, 5, BUDGET_WINDOW / 5);
        for (List<Map<String, Object>> batch : cards.batches(20)) {
            assertThat(Http.post(
                                    pipeline.ingestUrl() + "/api/v1/transactions/batch",
                                    Map.of("transactions", batch),
                                    pipeline.senderToken(bank))
                            .statusCode())
                    .isEqualTo(202);
        }
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> !DashboardQueriesIT.promQuery("vigil_scorer_model_fallbacks_total{scope=\"" + bank + "\"}")
                        .isEmpty());
    }

    /** A client that asks faster than its limit (40 at once, then 20 a second) until it gets its 429. */
    private static void refusedByRateLimit(Pipeline pipeline, String bank) throws Exception {
        String noisy = pipeline.alertsToken("noisy-app@" + bank, bank);
        for (int i = 0; i < 400; i++) {
            if (Http.get(pipeline.alertsUrl() + "/api/v1/alerts?limit=1", noisy).statusCode() == 429) {
                return;
            }
        }
        throw new AssertionError("400 requests at once and no 429 from alerts-api's rate limit");
    }

    /**
     * Cards {@code firstCard} on with history and a fraud each, a rejected request and a poison
     * record; returns the bank's alerts once every fraud of this wave and the ones before is alerted.
     */
    private static List<JsonNode> wave(Pipeline pipeline, String bank, int firstCard, Instant now) throws Exception {
        CardStream cards = CardStream.of(bank, firstCard, CARDS, 6);
        for (List<Map<String, Object>> batch : cards.batches(20)) {
            assertThat(Http.post(
                                    pipeline.ingestUrl() + "/api/v1/transactions/batch",
                                    Map.of("transactions", batch),
                                    pipeline.senderToken(bank))
                            .statusCode())
                    .isEqualTo(202);
        }
        // a rejection, counted by field
        assertThat(Http.post(
                                pipeline.ingestUrl() + "/api/v1/transactions",
                                Http.transaction(
                                        "tx-bad-" + UUID.randomUUID(),
                                        bank,
                                        "4000000000000001",
                                        "1.00",
                                        "m-1",
                                        "5411",
                                        "DE",
                                        "CARD_PRESENT",
                                        now),
                                pipeline.senderToken(bank))
                        .statusCode())
                .isEqualTo(400);
        // a poison record, dead-lettered by the scorer
        TopicWriter.sendRaw(
                pipeline.stack(),
                Topics.TRANSACTIONS.name(),
                "poison".getBytes(StandardCharsets.UTF_8),
                "not avro".getBytes(StandardCharsets.UTF_8));
        return await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> Http.alertsOf(pipeline.alertsUrl(), bank, pipeline.alertsToken(bank)),
                        served -> served.size() >= firstCard + cards.frauds().size());
    }

    /**
     * A logistic model for one bank that looks only at how far the amount is above the card's
     * usual, with the test-window metrics a trained bundle carries.
     */
    private static ModelBundle amountModel(String bank, Instant now) {
        FeatureSchema schema = FeatureSchema.CURRENT;
        List<Double> coefficients = new ArrayList<>(Collections.nCopies(schema.size(), 0.0));
        coefficients.set(schema.names().indexOf("amount_z_score"), 1.5);
        return ModelBundle.newBuilder()
                .setBankId(bank)
                .setModelVersion("lr-dashboards-" + now.getEpochSecond())
                .setFeatureSchema(schema.id())
                .setFeatureNames(List.copyOf(schema.names()))
                .setModelType(ModelType.LOGISTIC_REGRESSION)
                .setLogistic(LogisticModel.newBuilder()
                        .setIntercept(-4.0)
                        .setCoefficients(coefficients)
                        .setMeans(Collections.nCopies(schema.size(), 0.0))
                        .setScales(Collections.nCopies(schema.size(), 1.0))
                        .build())
                .setEnsemble(null)
                .setReviewThreshold(0.5)
                .setDeclineThreshold(0.9)
                .setTrainedAt(now.minus(Duration.ofHours(3)))
                .setTrainFromTime(now.minus(Duration.ofDays(36)))
                .setTrainToTime(now.minus(Duration.ofDays(15)))
                .setTestFromTime(now.minus(Duration.ofDays(8)))
                .setTestToTime(now.minus(Duration.ofDays(1)))
                .setMetrics(Map.of(
                        "auc_roc",
                        0.91,
                        "average_precision",
                        0.42,
                        "test_review_share",
                        0.02,
                        "test_score_p50",
                        0.03,
                        "test_score_p95",
                        0.31))
                .build();
    }

    /** The candidate row the trainer's gate writes, into the table made by the trainer's own DDL. */
    private static void recordCandidate(Pipeline pipeline, ModelBundle model) throws Exception {
        String ddl = Files.readString(
                ComposeConsistencyTest.RepoFiles.path("batch-trainer/src/main/resources/db/model_versions.sql"));
        try (Connection db = DriverManager.getConnection(
                pipeline.stack().jdbcUrl(),
                pipeline.stack().dbUser(),
                pipeline.stack().dbPassword())) {
            try (Statement statement = db.createStatement()) {
                statement.execute(ddl);
            }
            try (PreparedStatement insert =
                    db.prepareStatement("INSERT INTO model_versions (version, bank_id, model_type, "
                            + "feature_schema, train_from, train_to, test_from, test_to, auc_roc, average_precision, metrics, status, "
                            + "trained_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'champion', ?)")) {
                insert.setString(1, model.getModelVersion());
                insert.setString(2, model.getBankId());
                insert.setString(3, model.getModelType().name());
                insert.setString(4, model.getFeatureSchema());
                insert.setTimestamp(5, Timestamp.from(model.getTrainFromTime()));
                insert.setTimestamp(6, Timestamp.from(model.getTrainToTime()));
                insert.setTimestamp(7, Timestamp.from(model.getTestFromTime()));
                insert.setTimestamp(8, Timestamp.from(model.getTestToTime()));
                insert.setDouble(9, model.getMetrics().get("auc_roc"));
                insert.setDouble(10, model.getMetrics().get("average_precision"));
                insert.setString(11, Http.JSON.writeValueAsString(model.getMetrics()));
                insert.setTimestamp(12, Timestamp.from(model.getTrainedAt()));
                insert.executeUpdate();
            }
        }
    }
}
