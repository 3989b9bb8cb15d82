package dev.vigil.alerts.sink;

import static dev.vigil.alerts.AlertFixtures.NINE_FIFTEEN;
import static dev.vigil.alerts.AlertFixtures.alert;
import static dev.vigil.alerts.AlertFixtures.newBank;
import static dev.vigil.alerts.AlertTopic.WITHIN_SECONDS;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.alerts.AlertTopic;
import dev.vigil.alerts.sink.DatabaseBehindProxyResource.DatabaseProxy;
import dev.vigil.events.Alert;
import dev.vigil.schemas.Topics;
import dev.vigil.stack.LocalStack;
import dev.vigil.stack.testing.JwtKeysResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL goes away under the sink and comes back: the application reaches the stack's real
 * database through a proxy the test cuts ({@link DatabaseBehindProxyResource}), while the test
 * itself checks the database directly.
 */
@QuarkusTest
@TestProfile(DatabaseOutageIT.DatabaseBehindProxy.class)
@WithTestResource(JwtKeysResource.class)
class DatabaseOutageIT {

    /**
     * An application of its own (a profile always gets one; a different set of test resources alone
     * did not make Quarkus restart), with back-offs capped at a second so recovery is quick.
     */
    public static class DatabaseBehindProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vigil.alerts.sink.retry-backoff-max", "PT1S");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(DatabaseBehindProxyResource.class));
        }
    }

    static final int DURING_THE_OUTAGE = 20;

    final LocalStack stack = LocalStack.forTests();
    final AlertTopic topic = new AlertTopic();

    @DatabaseProxy
    TcpProxy database;

    @Inject
    MeterRegistry meters;

    @ConfigProperty(name = "vigil.alerts.sink.group-id")
    String sinkGroup;

    @AfterEach
    void databaseBack() {
        database.restore();
    }

    @Test
    void whileTheDatabaseIsDownTheSinkCommitsNoOffsetAndIsNotReadyThenStoresEveryAlertExactlyOnce() throws Exception {
        String bank = newBank();
        Alert before = alert(bank, "tx-before", NINE_FIFTEEN, 0.9);
        topic.produce(before);
        Map<TopicPartition, Long> endBeforeOutage = topic.endOffsets(Topics.FRAUD_ALERTS.name());
        await().atMost(WITHIN_SECONDS).until(() -> stored(bank) == 1 && committedUpTo(endBeforeOutage) && sinkReady());
        Map<TopicPartition, Long> committedBefore = committedOffsets();
        double storedBefore = counter("vigil.alerts.stored");
        double retriesBefore = counter("vigil.alerts.sink.retries");

        database.cut();
        List<Alert> during = new ArrayList<>();
        for (int i = 0; i < DURING_THE_OUTAGE; i++) {
            // a card each, so the alerts spread over the partitions
            during.add(Alert.newBuilder(alert(bank, "tx-during-" + i, NINE_FIFTEEN.plusSeconds(i), 0.9))
                    .setCardToken("tok-" + bank + "-" + i)
                    .build());
        }
        topic.produce(during.toArray(Alert[]::new));
        Map<TopicPartition, Long> endAfterOutage = topic.endOffsets(Topics.FRAUD_ALERTS.name());
        assertThat(endAfterOutage)
                .as("the alerts went to several partitions")
                .matches(ends -> ends.entrySet().stream()
                                .filter(e -> e.getValue() > endBeforeOutage.get(e.getKey()))
                                .count()
                        > 1);

        JsonPath down = await().atMost(WITHIN_SECONDS)
                .until(this::sinkCheck, check -> "DOWN".equals(check.getString("status")));
        assertThat(down.getString("data.state")).isEqualTo("RETRYING");
        assertThat(down.getString("data.detail")).isEqualTo("database unavailable");
        assertThat(given().get("/q/health/ready").statusCode()).isEqualTo(503);
        // the batch failed at least twice: the sink read it, and read it again rather than moving on
        await().atMost(WITHIN_SECONDS).until(() -> counter("vigil.alerts.sink.retries") >= retriesBefore + 2);
        assertThat(committedOffsets()).isEqualTo(committedBefore);
        assertThat(committedUpTo(endAfterOutage)).isFalse();
        assertThat(stored(bank)).as("only the alert from before the outage").isEqualTo(1);

        database.restore();

        await().atMost(WITHIN_SECONDS).until(() -> stored(bank) == 1 + DURING_THE_OUTAGE && sinkReady());
        assertThat(storedIds(bank)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids(before, during));
        assertThat(counter("vigil.alerts.stored"))
                .as("each stored for the first time once")
                .isEqualTo(storedBefore + DURING_THE_OUTAGE);
        await().atMost(WITHIN_SECONDS).until(() -> committedUpTo(endAfterOutage));
        assertThat(given().get("/q/health/ready").statusCode()).isEqualTo(200);
    }

    /**
     * Whether the sink committed every record before {@code ends}. Each partition's last offset is
     * the commit marker of the producer's transaction, which a consumer reads past but never commits.
     */
    private boolean committedUpTo(Map<TopicPartition, Long> ends) throws ExecutionException, InterruptedException {
        Map<TopicPartition, Long> committed = committedOffsets();
        return ends.entrySet().stream()
                .allMatch(end -> end.getValue() == 0 || committed.getOrDefault(end.getKey(), 0L) >= end.getValue() - 1);
    }

    private static List<String> ids(Alert before, List<Alert> during) {
        List<String> ids = new ArrayList<>(List.of(before.getAlertId()));
        during.forEach(alert -> ids.add(alert.getAlertId()));
        return ids;
    }

    private JsonPath sinkCheck() {
        JsonPath health = given().get("/q/health/ready").jsonPath();
        return JsonPath.from(health.prettify()).setRootPath("checks.find { it.name == 'alert-sink' }");
    }

    private boolean sinkReady() {
        return "UP".equals(sinkCheck().getString("status"));
    }

    private double counter(String name) {
        return meters.get(name).counter().count();
    }

    private Map<TopicPartition, Long> committedOffsets() throws ExecutionException, InterruptedException {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        try (Admin admin = Admin.create(config)) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(sinkGroup)
                    .partitionsToOffsetAndMetadata()
                    .get();
            Map<TopicPartition, Long> committed = new HashMap<>();
            offsets.forEach((partition, offset) -> {
                if (partition.topic().equals(Topics.FRAUD_ALERTS.name())) {
                    committed.put(partition, offset.offset());
                }
            });
            return committed;
        }
    }

    /** Straight to the stack's PostgreSQL, not through the proxy. */
    private int stored(String bank) throws SQLException {
        return storedIds(bank).size();
    }

    private List<String> storedIds(String bank) throws SQLException {
        try (Connection connection = DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
                PreparedStatement select =
                        connection.prepareStatement("SELECT alert_id FROM alerts WHERE bank_id = ?")) {
            select.setString(1, bank);
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        }
    }
}
