package dev.vigil.ingest.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import dev.vigil.ingest.testing.SampleRequests;
import dev.vigil.ingest.testing.Senders;
import dev.vigil.stack.testing.JwtKeysResource;
import dev.vigil.stack.testing.LocalStackResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Every error is a problem document in the one format, including those the framework makes. */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
@WithTestResource(JwtKeysResource.class)
class ErrorFormatIT {

    static final String PROBLEM = "application/problem+json";

    @Test
    void anUnknownPathIsA404Problem() {
        given().get("/api/v1/nothing-here")
                .then()
                .statusCode(404)
                .contentType(PROBLEM)
                .body("type", equalTo("urn:vigil:problem:not-found"))
                .body("status", equalTo(404));
    }

    @Test
    void aMethodTheResourceDoesNotTakeIsA405Problem() {
        Senders.ofSampleBank()
                .get("/api/v1/transactions")
                .then()
                .statusCode(405)
                .contentType(PROBLEM)
                .body("type", equalTo("urn:vigil:problem:method-not-allowed"));
    }

    @Test
    void aBodyOverTheLimitIsA413Problem() {
        String huge = SampleRequests.transactionAMinuteAgo()
                .text("merchantId", "m".repeat(1_100_000))
                .render();

        Senders.ofSampleBank()
                .body(huge)
                .post("/api/v1/transactions")
                .then()
                .statusCode(413)
                .contentType(PROBLEM)
                .body("type", equalTo("urn:vigil:problem:payload-too-large"));
    }

    @Test
    void anotherMediaTypeIsA415Problem() {
        Senders.ofSampleBank()
                .contentType("text/plain")
                .body("x")
                .post("/api/v1/transactions")
                .then()
                .statusCode(415)
                .contentType(PROBLEM)
                .body("type", equalTo("urn:vigil:problem:unsupported-media-type"));
    }

    @Test
    void anUnknownQueryParameterIsRefusedByName() {
        Senders.ofSampleBank()
                .queryParam("dryRun", "true")
                .body(SampleRequests.transactionAMinuteAgo().render())
                .post("/api/v1/transactions")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors.field", contains("dryRun"))
                .body("errors.reason", contains("is not a parameter of this request"));
    }
}
