package dev.vigil.alerts;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.stack.testing.JwtKeysResource;
import dev.vigil.stack.testing.LocalStackResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document describes this service and nothing else: the libraries on its class path
 * (Apicurio's registry client declares JAX-RS interfaces of its own) must not add their paths,
 * nor their title and version.
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
@WithTestResource(JwtKeysResource.class)
class OpenApiDocumentIT {

    @Test
    void listsExactlyTheServicesOwnPaths() {
        JsonPath document = given().accept("application/json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, Object> paths = document.getMap("paths");

        assertThat(paths)
                .containsOnlyKeys(
                        "/api/v1/alerts",
                        "/api/v1/alerts/stream",
                        "/api/v1/alerts/counts",
                        "/api/v1/alerts/{alertId}",
                        "/api/v1/alerts/{alertId}/disposition",
                        "/api/v1/alerts/{alertId}/history");
        assertThat(document.getString("info.title")).isEqualTo("Vigil alerts API");
    }
}
