package dev.vigil.ingest.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import dev.vigil.ingest.testing.AppConfig;
import dev.vigil.ingest.testing.JsonText;
import dev.vigil.ingest.testing.KafkaProbe;
import dev.vigil.ingest.testing.SampleRequests;
import dev.vigil.ingest.testing.Senders;
import dev.vigil.schemas.Topics;
import dev.vigil.stack.DemoTokens;
import dev.vigil.stack.testing.JwtKeysResource;
import dev.vigil.stack.testing.LocalStackResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.JWTParser;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Who may send: a bank's sender, for its own bank only. Nothing refused reaches Kafka. */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
@WithTestResource(JwtKeysResource.class)
class SenderAuthIT {

    static KafkaProbe kafka;

    @Inject
    JWTParser authenticationParser;

    @BeforeAll
    static void connect() {
        kafka = AppConfig.kafkaProbe();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    private static Map<TopicPartition, Long> endOffsets() {
        Map<TopicPartition, Long> offsets = new LinkedHashMap<>(kafka.endOffsets(Topics.TRANSACTIONS.name()));
        offsets.putAll(kafka.endOffsets(Topics.TRANSACTION_LABELS.name()));
        return offsets;
    }

    private static void assertNothingProducedSince(Map<TopicPartition, Long> before) {
        assertThat(endOffsets()).isEqualTo(before);
    }

    @Test
    void aRequestWithoutATokenIsRefused401AsAProblem() {
        Map<TopicPartition, Long> before = endOffsets();

        for (String path : List.of("/api/v1/transactions", "/api/v1/transactions/batch", "/api/v1/labels")) {
            given().contentType("application/json")
                    .body(SampleRequests.transactionAMinuteAgo().render())
                    .when()
                    .post(path)
                    .then()
                    .statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", "Bearer")
                    .body("status", equalTo(401));
        }
        assertNothingProducedSince(before);
    }

    @Test
    void anAlertsApiTokenCannotSend() {
        Map<TopicPartition, Long> before = endOffsets();

        Senders.withToken(Senders.token(Senders.BANK, "analyst", Duration.ofMinutes(5)))
                .body(SampleRequests.transactionAMinuteAgo().render())
                .when()
                .post("/api/v1/transactions")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        assertNothingProducedSince(before);
    }

    @Test
    void aSenderTokenWithoutTheSenderRoleIsRefused403() {
        Map<String, Object> claims = claims(Senders.BANK, Instant.now().plusSeconds(300));
        claims.put("groups", List.of("app"));

        Senders.withToken(JwtKeysResource.tokens().sign(claims))
                .body(SampleRequests.transactionAMinuteAgo().render())
                .when()
                .post("/api/v1/transactions")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void authenticationVerifiesEachTokenOnceThroughTheCache() {
        assertThat(authenticationParser).isInstanceOf(SenderTokenParser.class);
    }

    @Test
    void anExpiredTokenIsRefused401() {
        Senders.withToken(JwtKeysResource.tokens()
                        .sign(claims(Senders.BANK, Instant.now().minusSeconds(120))))
                .body(SampleRequests.transactionAMinuteAgo().render())
                .when()
                .post("/api/v1/transactions")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void aTokenValidForTenYearsIsRefused401() {
        Map<String, Object> claims = claims(Senders.BANK, Instant.now().plus(Duration.ofDays(3650)));
        claims.put("iat", Instant.now().getEpochSecond());

        Senders.withToken(JwtKeysResource.tokens().sign(claims))
                .body(SampleRequests.transactionAMinuteAgo().render())
                .when()
                .post("/api/v1/transactions")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void aTransactionOfAnotherBankIsRefused403NamingBankIdAndNothingIsProduced() {
        Map<TopicPartition, Long> before = endOffsets();

        Senders.of("bank-b")
                .body(SampleRequests.transactionAMinuteAgo().render())
                .when()
                .post("/api/v1/transactions")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("errors.field", contains("bankId"))
                .body("errors.reason", contains("is not the bank of the token"));
        assertNothingProducedSince(before);
    }

    @Test
    void aBatchWithOneTransactionOfAnotherBankIsRefusedWhole() {
        Map<TopicPartition, Long> before = endOffsets();
        JsonText own = SampleRequests.transactionAMinuteAgo();
        JsonText foreign = SampleRequests.transactionAMinuteAgo().text("bankId", "bank-b");

        Senders.ofSampleBank()
                .body("{\"transactions\": [" + own.render() + ", " + foreign.render() + "]}")
                .when()
                .post("/api/v1/transactions/batch")
                .then()
                .statusCode(403)
                .body("errors.field", contains("transactions[1].bankId"));
        assertNothingProducedSince(before);
    }

    @Test
    void aLabelOfAnotherBankIsRefused403() {
        Map<TopicPartition, Long> before = endOffsets();

        Senders.of("bank-b")
                .body(SampleRequests.label()
                        .text("transactionId", "tx-" + UUID.randomUUID())
                        .render())
                .when()
                .post("/api/v1/labels")
                .then()
                .statusCode(403)
                .body("errors.field", contains("bankId"));
        assertNothingProducedSince(before);
    }

    private static Map<String, Object> claims(String bank, Instant expires) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", DemoTokens.ISSUER);
        claims.put("aud", DemoTokens.INGEST_AUDIENCE);
        claims.put("sub", "sender@" + bank);
        claims.put(DemoTokens.BANK_CLAIM, bank);
        claims.put("groups", List.of(DemoTokens.SENDER));
        claims.put("iat", expires.minusSeconds(600).getEpochSecond());
        claims.put("exp", expires.getEpochSecond());
        return claims;
    }
}
