package dev.vigil.alerts;

import static io.restassured.RestAssured.given;

import dev.vigil.stack.DemoTokens;
import dev.vigil.stack.testing.JwtKeysResource;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;

/** Requests with bearer tokens signed by the key of {@link JwtKeysResource}. */
public final class Tokens {

    private Tokens() {}

    public static DemoTokens demo() {
        return JwtKeysResource.tokens();
    }

    /** A request by the bank's app ({@code app}) or analyst ({@code analyst}). */
    public static RequestSpecification as(String bank, String role) {
        return withToken(demo().mint(role + "@" + bank, bank, role, Duration.ofMinutes(5)));
    }

    public static RequestSpecification asApp(String bank) {
        return as(bank, "app");
    }

    public static RequestSpecification withToken(String token) {
        return given().header("Authorization", "Bearer " + token);
    }
}
