package dev.vigil.alerts.ratelimit;

import static dev.vigil.alerts.AlertFixtures.newBank;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import dev.vigil.alerts.Tokens;
import dev.vigil.stack.testing.JwtKeysResource;
import dev.vigil.stack.testing.LocalStackResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Per-client rate limits over HTTP, with a limit of 3 requests at once and 1 per second after, and
 * a clock the test moves (so recovery is shown without waiting for it).
 */
@QuarkusTest
@TestProfile(RateLimitIT.ThreeAtOnceThenOnePerSecond.class)
@WithTestResource(LocalStackResource.class)
@WithTestResource(JwtKeysResource.class)
class RateLimitIT {

    public static class ThreeAtOnceThenOnePerSecond implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vigil.alerts.rate-limit.requests-per-second", "1", "vigil.alerts.rate-limit.burst", "3");
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(ManualClock.class);
        }
    }

    static final Duration REFILL = Duration.ofSeconds(1);

    @Inject
    ManualClock clock;

    @Test
    void aClientOverItsLimitGets429WithRetryAfterWhileOtherClientsAndBanksAreServed() {
        String bank = newBank();
        String otherBank = newBank();
        String client = "app@" + bank;
        exhaust(bank, client);

        list(bank, client)
                .then()
                .statusCode(429)
                .header("Retry-After", "1")
                .contentType(containsString("application/problem+json"))
                .body("status", equalTo(429))
                .body("title", equalTo("Too Many Requests"));

        list(bank, "other-app@" + bank).then().statusCode(200);
        list(otherBank, client).then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString(
                        RateLimitFilter.RATE_LIMITED.replace('.', '_') + "_total{bank=\"" + bank + "\"} 1.0"))
                .body(not(containsString(client)));
    }

    @Test
    void theLimitRecoversAfterTheRefillIntervalAndNotBefore() {
        String bank = newBank();
        String client = "fraud-desk@" + bank;
        exhaust(bank, client);
        list(bank, client).then().statusCode(429);

        clock.advance(REFILL.minusMillis(1));
        list(bank, client).then().statusCode(429);
        clock.advance(Duration.ofMillis(1));
        list(bank, client).then().statusCode(200);
        list(bank, client).then().statusCode(429);
    }

    @Test
    void everyLimitedEndpointDocuments429InOpenApi() {
        given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("paths.'/api/v1/alerts'.get.responses.'429'.headers.'Retry-After'", notNullValue())
                .body("paths.'/api/v1/alerts/{alertId}/disposition'.post.responses.'429'", notNullValue());
    }

    private void exhaust(String bank, String client) {
        for (int i = 0; i < 3; i++) {
            list(bank, client).then().statusCode(200);
        }
    }

    private static Response list(String bank, String subject) {
        return Tokens.withToken(Tokens.demo().mint(subject, bank, "app", Duration.ofMinutes(5)))
                .queryParam("limit", 1)
                .get("/api/v1/alerts");
    }
}
