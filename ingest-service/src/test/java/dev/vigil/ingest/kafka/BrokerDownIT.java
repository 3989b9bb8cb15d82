package dev.vigil.ingest.kafka;

import static dev.vigil.ingest.testing.SampleRequests.VISA;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.vigil.ingest.testing.AppConfig;
import dev.vigil.ingest.testing.SampleRequests;
import dev.vigil.ingest.testing.Senders;
import dev.vigil.stack.LocalStack;
import dev.vigil.stack.Ports;
import dev.vigil.stack.testing.JwtKeysResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** With nothing listening at the bootstrap address, requests answer 503 within seconds. */
@QuarkusTest
@WithTestResource(JwtKeysResource.class)
@TestProfile(BrokerDownIT.NoBroker.class)
class BrokerDownIT {

    /** The registry is up (so serialization works) but no broker listens at the bootstrap port. */
    public static class NoBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            LocalStack stack = LocalStack.forTests();
            return Map.of(
                    "kafka.bootstrap.servers", "127.0.0.1:" + Ports.free(),
                    "apicurio.registry.url", stack.registryUrl(),
                    "quarkus.datasource.jdbc.url", stack.jdbcUrl(),
                    "quarkus.datasource.username", stack.dbUser(),
                    "quarkus.datasource.password", stack.dbPassword(),
                    "vigil.ingest.kafka.max-block", "PT2S",
                    "vigil.ingest.kafka.delivery-timeout", "PT3S");
        }
    }

    /** max-block (2 s) plus generous room for a loaded machine, far below Kafka's default minute. */
    static final Duration BOUND = Duration.ofSeconds(10);

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        private final PatternFormatter format = new PatternFormatter("%s%e");

        @Override
        public void publish(LogRecord record) {
            logged.add(format.format(record));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void captureLogs() {
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger("").removeHandler(capture);
    }

    static Response post(String path, String body) {
        return Senders.ofSampleBank().body(body).when().post(path);
    }

    @Test
    void transactionAnswers503WithinSecondsAndNothingLogsTheCardNumber() {
        long start = System.nanoTime();

        Response response = post(
                "/api/v1/transactions", SampleRequests.transactionAMinuteAgo().render());

        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        response.then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "2")
                .body("status", equalTo(503));
        assertThat(elapsed).isLessThan(BOUND);
        assertThat(response.asString()).doesNotContain(VISA);
        assertThat(logged).as("something was logged about the failure").isNotEmpty();
        assertThat(logged).allSatisfy(line -> assertThat(line).doesNotContain(VISA));
    }

    @Test
    void failedTransactionIsNotRememberedAsAccepted() {
        String body = SampleRequests.transactionAMinuteAgo().render();

        post("/api/v1/transactions", body).then().statusCode(503);

        post("/api/v1/transactions", body).then().statusCode(503);
    }

    @Test
    void batchAnswers503WithoutWaitingOnEveryTransaction() {
        String batch = IntStream.range(0, 5)
                .mapToObj(i -> SampleRequests.transactionAMinuteAgo().render())
                .collect(Collectors.joining(",", "{\"transactions\":[", "]}"));
        long start = System.nanoTime();

        post("/api/v1/transactions/batch", batch).then().statusCode(503);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);
    }

    @Test
    void labelAnswers503WithinSeconds() throws SQLException {
        AppConfig.recordSent(Senders.BANK, "tx-000123", VISA);
        long start = System.nanoTime();

        post("/api/v1/labels", SampleRequests.label().render()).then().statusCode(503);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);
    }

    @Test
    void readinessIsDown() {
        given().when()
                .get("/q/health/ready")
                .then()
                .statusCode(503)
                .body("checks.find { it.name == 'kafka' }.status", equalTo("DOWN"));
    }
}
