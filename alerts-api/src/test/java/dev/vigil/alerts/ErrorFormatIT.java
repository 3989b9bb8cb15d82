package dev.vigil.alerts;

import static dev.vigil.alerts.AlertFixtures.newBank;
import static dev.vigil.alerts.Tokens.asApp;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import dev.vigil.stack.testing.JwtKeysResource;
import dev.vigil.stack.testing.LocalStackResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every error is a problem document in the one format (shared with ingest), and nothing unknown is ignored. */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
@WithTestResource(JwtKeysResource.class)
class ErrorFormatIT {

    static final String PROBLEM = "application/problem+json";

    @Test
    void aMisspeltQueryParameterIsRefusedByNameNotIgnored() {
        asApp(newBank())
                .queryParam("staus", "OPEN")
                .get("/api/v1/alerts")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("type", equalTo("urn:vigil:problem:invalid-request"))
                .body("errors.field", contains("staus"))
                .body("errors.reason", contains("is not a parameter of this request"));
    }

    @Test
    void aParameterNameHoldingACardNumberIsNotEchoed() {
        asApp(newBank())
                .queryParam("x4111111111111111", "1")
                .get("/api/v1/alerts/counts")
                .then()
                .statusCode(400)
                .body("errors.field", contains("<unnamed>"));
    }

    @Test
    void anUnknownBodyFieldOfADispositionIsRefusedByName() {
        String bank = newBank();
        Tokens.as(bank, "analyst")
                .contentType(ContentType.JSON)
                .body(Map.of("disposition", "FALSE_POSITIVE", "version", 0, "analyst", "someone-else"))
                .post("/api/v1/alerts/{id}/disposition", UUID.randomUUID().toString())
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors.field", contains("analyst"))
                .body("errors.reason", contains("is not a field of this request"));
    }

    @Test
    void anUnknownPathIsA404Problem() {
        given().get("/api/v2/alerts")
                .then()
                .statusCode(404)
                .contentType(PROBLEM)
                .body("type", equalTo("urn:vigil:problem:not-found"));
    }

    @Test
    void aMethodTheResourceDoesNotTakeIsA405Problem() {
        asApp(newBank())
                .delete("/api/v1/alerts")
                .then()
                .statusCode(405)
                .contentType(PROBLEM)
                .body("type", equalTo("urn:vigil:problem:method-not-allowed"));
    }

    @Test
    void aBodyOverTheLimitIsA413Problem() {
        Tokens.as(newBank(), "analyst")
                .contentType(ContentType.JSON)
                .body(Map.of("disposition", "FALSE_POSITIVE", "version", 0, "note", "n".repeat(20_000)))
                .post("/api/v1/alerts/{id}/disposition", UUID.randomUUID().toString())
                .then()
                .statusCode(413)
                .contentType(PROBLEM)
                .body("type", equalTo("urn:vigil:problem:payload-too-large"));
    }
}
