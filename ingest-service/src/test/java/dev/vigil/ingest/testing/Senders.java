package dev.vigil.ingest.testing;

import static io.restassured.RestAssured.given;

import dev.vigil.stack.DemoTokens;
import dev.vigil.stack.testing.JwtKeysResource;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;

/** JSON requests with bearer tokens signed by the key of {@link JwtKeysResource}. */
public final class Senders {

    /** The bank of the {@link SampleRequests}' transactions and labels. */
    public static final String BANK = "bank-a";

    private Senders() {}

    /** A JSON request by {@code bank}'s sending system. */
    public static RequestSpecification of(String bank) {
        return withToken(token(bank, DemoTokens.SENDER, Duration.ofMinutes(5)));
    }

    /** A JSON request by the sample requests' bank. */
    public static RequestSpecification ofSampleBank() {
        return of(BANK);
    }

    public static String token(String bank, String role, Duration ttl) {
        return JwtKeysResource.tokens().mint(role + "@" + bank, bank, role, ttl);
    }

    public static RequestSpecification withToken(String token) {
        return given().contentType("application/json").header("Authorization", "Bearer " + token);
    }
}
