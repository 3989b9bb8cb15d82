package dev.vigil.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.stack.testing.JwtKeysResource;
import dev.vigil.stack.testing.LocalStackResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document describes this service and nothing else: the libraries on its class path
 * (Apicurio's registry client declares JAX-RS interfaces of its own) must not add their paths.
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
@WithTestResource(JwtKeysResource.class)
class OpenApiDocumentIT {

    @Test
    void listsExactlyTheServicesOwnPaths() {
        Map<String, Object> paths = given().accept("application/json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("paths");

        assertThat(paths).containsOnlyKeys("/api/v1/transactions", "/api/v1/transactions/batch", "/api/v1/labels");
    }
}
