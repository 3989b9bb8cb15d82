package dev.vigil.alerts;

import static dev.vigil.alerts.AlertFixtures.NINE_FIFTEEN;
import static dev.vigil.alerts.AlertFixtures.alert;
import static dev.vigil.alerts.AlertFixtures.newBank;
import static dev.vigil.alerts.AlertTopic.WITHIN_SECONDS;
import static dev.vigil.alerts.Tokens.as;
import static dev.vigil.alerts.Tokens.asApp;
import static dev.vigil.alerts.Tokens.withToken;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import dev.vigil.events.Alert;
import dev.vigil.stack.DemoTokens;
import dev.vigil.stack.testing.JwtKeysResource;
import dev.vigil.stack.testing.LocalStackResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bearer tokens and tenant scoping: every endpoint answers only for the token's bank (another
 * bank's alert is as absent as a missing one), and a token that fails any check gets 401.
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
@WithTestResource(JwtKeysResource.class)
class AuthIT {

    final AlertTopic topic = new AlertTopic();
    String victim;
    String attacker;
    Alert alert;

    @BeforeEach
    void anAlertOfAnotherBank() {
        victim = newBank();
        attacker = newBank();
        alert = alert(victim, "tx-victim", NINE_FIFTEEN, 0.9);
        topic.produce(alert);
        await().atMost(WITHIN_SECONDS)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> asApp(victim)
                                .get("/api/v1/alerts/{id}", alert.getAlertId())
                                .statusCode()
                        == 200);
    }

    @Test
    void anotherBanksAlertByIdIsNotFound() {
        asApp(attacker)
                .get("/api/v1/alerts/{id}", alert.getAlertId())
                .then()
                .statusCode(404)
                .body(not(containsString(victim)));
    }

    @Test
    void listingShowsOnlyTheTokensBankAndRefusesToNameAnother() {
        asApp(attacker)
                .get("/api/v1/alerts")
                .then()
                .statusCode(200)
                .body("items.bankId", not(org.hamcrest.Matchers.hasItem(victim)));
        asApp(attacker)
                .queryParam("bankId", victim)
                .get("/api/v1/alerts")
                .then()
                .statusCode(403)
                .contentType(containsString("application/problem+json"));
        asApp(attacker)
                .queryParam("cardToken", alert.getCardToken())
                .get("/api/v1/alerts")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(0));
        asApp(victim)
                .get("/api/v1/alerts")
                .then()
                .statusCode(200)
                .body("items.alertId", equalTo(List.of(alert.getAlertId())));
    }

    @Test
    void countsCoverOnlyTheTokensBank() {
        asApp(attacker)
                .queryParam("from", "2026-11-01T00:00:00Z")
                .queryParam("to", "2026-12-01T00:00:00Z")
                .get("/api/v1/alerts/counts")
                .then()
                .statusCode(200)
                .body("counts.size()", equalTo(0));
        asApp(attacker)
                .queryParam("bankId", victim)
                .get("/api/v1/alerts/counts")
                .then()
                .statusCode(403);
    }

    @Test
    void anAnalystOfAnotherBankCannotDecideTheAlert() {
        as(attacker, "analyst")
                .contentType(ContentType.JSON)
                .body(Map.of("disposition", "FALSE_POSITIVE", "version", 0))
                .post("/api/v1/alerts/{id}/disposition", alert.getAlertId())
                .then()
                .statusCode(404);
        asApp(victim)
                .get("/api/v1/alerts/{id}", alert.getAlertId())
                .then()
                .body("status", equalTo("OPEN"))
                .body("version", equalTo(0));
    }

    @Test
    void anAppMayReadButNotDecide() {
        asApp(victim)
                .contentType(ContentType.JSON)
                .body(Map.of("disposition", "FALSE_POSITIVE", "version", 0))
                .post("/api/v1/alerts/{id}/disposition", alert.getAlertId())
                .then()
                .statusCode(403)
                .contentType(containsString("application/problem+json"));
    }

    @Test
    void noTokenIsUnauthorizedOnEveryEndpoint() {
        given().get("/api/v1/alerts")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .contentType(containsString("application/problem+json"));
        given().get("/api/v1/alerts/{id}", alert.getAlertId()).then().statusCode(401);
        given().get("/api/v1/alerts/counts").then().statusCode(401);
        given().contentType(ContentType.JSON)
                .body(Map.of("disposition", "FALSE_POSITIVE", "version", 0))
                .post("/api/v1/alerts/{id}/disposition", alert.getAlertId())
                .then()
                .statusCode(401);
    }

    @Test
    void anExpiredTokenIsUnauthorized() {
        Map<String, Object> claims = claims(victim);
        claims.put("iat", Instant.now().minus(Duration.ofHours(2)).getEpochSecond());
        claims.put("exp", Instant.now().minus(Duration.ofHours(1)).getEpochSecond());

        withToken(Tokens.demo().sign(claims)).get("/api/v1/alerts").then().statusCode(401);
    }

    @Test
    void aTokenValidForTenYearsIsUnauthorized() {
        Map<String, Object> claims = claims(victim);
        claims.put("exp", Instant.now().plus(Duration.ofDays(3650)).getEpochSecond());

        withToken(Tokens.demo().sign(claims))
                .get("/api/v1/alerts")
                .then()
                .statusCode(401)
                .contentType(containsString("application/problem+json"));
    }

    @Test
    void aTokenWithoutIssuedAtIsUnauthorized() {
        Map<String, Object> claims = claims(victim);
        claims.remove("iat");

        withToken(Tokens.demo().sign(claims)).get("/api/v1/alerts").then().statusCode(401);
    }

    @Test
    void aTokenForAnotherAudienceIsUnauthorized() {
        Map<String, Object> claims = claims(victim);
        claims.put("aud", "some-other-api");

        withToken(Tokens.demo().sign(claims)).get("/api/v1/alerts").then().statusCode(401);
    }

    @Test
    void aTokenFromAnotherIssuerIsUnauthorized() {
        Map<String, Object> claims = claims(victim);
        claims.put("iss", "someone-else");

        withToken(Tokens.demo().sign(claims)).get("/api/v1/alerts").then().statusCode(401);
    }

    @Test
    void anUnsignedTokenIsUnauthorized() throws Exception {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String header = url.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = Tokens.demo()
                .mint("app@" + victim, victim, "app", Duration.ofMinutes(5))
                .split("\\.")[1];

        withToken(header + "." + payload + ".").get("/api/v1/alerts").then().statusCode(401);
    }

    @Test
    void aTokenSignedWithAnotherKeyIsUnauthorized() throws Exception {
        Path otherKeys = Files.createTempDirectory("vigil-other-jwt");
        String forged = DemoTokens.in(otherKeys).mint("app@" + victim, victim, "app", Duration.ofMinutes(5));

        withToken(forged).get("/api/v1/alerts/{id}", alert.getAlertId()).then().statusCode(401);
    }

    private static Map<String, Object> claims(String bank) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("iss", DemoTokens.ISSUER);
        claims.put("aud", DemoTokens.AUDIENCE);
        claims.put("sub", "app@" + bank);
        claims.put(DemoTokens.BANK_CLAIM, bank);
        claims.put("groups", List.of("app"));
        claims.put("iat", Instant.now().getEpochSecond());
        claims.put("exp", Instant.now().plus(Duration.ofMinutes(5)).getEpochSecond());
        return claims;
    }
}
