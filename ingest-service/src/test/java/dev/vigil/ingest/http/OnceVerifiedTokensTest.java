package dev.vigil.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.ingest.testing.ManualClock;
import dev.vigil.stack.DemoTokens;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real smallrye-jwt verifier behind the cache, with a demo key pair; it counts its checks. */
class OnceVerifiedTokensTest {

    private static final Duration MAX_AGE = Duration.ofMinutes(5);

    /** smallrye-jwt's parser as ingest configures it, counting how often it really verifies. */
    static final class CountingVerifier extends DefaultJWTParser {
        int checks;

        CountingVerifier(JWTAuthContextInfo context) {
            super(context);
        }

        @Override
        public JsonWebToken parse(String token) throws ParseException {
            checks++;
            return super.parse(token);
        }
    }

    @TempDir
    Path keys;

    private DemoTokens tokens;
    private CountingVerifier verifier;

    @BeforeEach
    void keys() {
        tokens = DemoTokens.in(keys);
        verifier = verifierWithClockSkew(0);
    }

    private CountingVerifier verifierWithClockSkew(int seconds) {
        JWTAuthContextInfo context = new JWTAuthContextInfo();
        context.setPublicKeyLocation(tokens.publicKeyFile().toUri().toString());
        context.setIssuedBy(DemoTokens.ISSUER);
        context.setExpectedAudience(Set.of(DemoTokens.INGEST_AUDIENCE));
        context.setClockSkew(seconds);
        return new CountingVerifier(context);
    }

    private String senderToken(Instant issuedAt, Instant expiresAt) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", DemoTokens.ISSUER);
        claims.put("aud", DemoTokens.INGEST_AUDIENCE);
        claims.put("sub", "sender@bank-a");
        claims.put(DemoTokens.BANK_CLAIM, "bank-a");
        claims.put("groups", List.of(DemoTokens.SENDER));
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("exp", expiresAt.getEpochSecond());
        return tokens.sign(claims);
    }

    private String tokenForAnHour() {
        return tokens.mint("sender@bank-a", "bank-a", DemoTokens.SENDER, Duration.ofHours(1));
    }

    @Test
    void verifiesAValidTokenOnceAndAnswersLaterRequestsWithItsClaims() throws ParseException {
        OnceVerifiedTokens cache = new OnceVerifiedTokens(10, MAX_AGE, Clock.systemUTC());
        String token = tokenForAnHour();

        JsonWebToken first = cache.parse(token, verifier::parse);
        JsonWebToken second = cache.parse(token, verifier::parse);

        assertThat(second.<String>getClaim(DemoTokens.BANK_CLAIM)).isEqualTo("bank-a");
        assertThat(second).isSameAs(first);
        assertThat(verifier.checks).isEqualTo(1);
    }

    @Test
    void anExpiredTokenIsRefusedEvenIfItWasVerifiedBefore() throws Exception {
        OnceVerifiedTokens cache = new OnceVerifiedTokens(10, MAX_AGE, Clock.systemUTC());
        Instant now = Instant.now();
        Instant expiresAt = Instant.ofEpochSecond(now.getEpochSecond() + 1);
        String token = senderToken(now.minusSeconds(60), expiresAt);
        cache.parse(token, verifier::parse);

        // exp is whole seconds: wait until the token has really expired
        Thread.sleep(Duration.between(Instant.now(), expiresAt).toMillis() + 100);

        assertThatThrownBy(() -> cache.parse(token, verifier::parse)).isInstanceOf(ParseException.class);
        assertThat(verifier.checks).isEqualTo(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void aTokenWithABadSignatureIsRefusedAndNeverKept() {
        OnceVerifiedTokens cache = new OnceVerifiedTokens(10, MAX_AGE, Clock.systemUTC());
        String token = tokenForAnHour();
        int signature = token.lastIndexOf('.') + 1;
        String forged = token.substring(0, signature)
                + (token.charAt(signature) == 'A' ? 'B' : 'A')
                + token.substring(signature + 1);

        assertThatThrownBy(() -> cache.parse(forged, verifier::parse)).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> cache.parse(forged, verifier::parse)).isInstanceOf(ParseException.class);
        assertThat(verifier.checks).isEqualTo(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void aTokenIsVerifiedAgainAfterMaxAge() throws ParseException {
        ManualClock clock = new ManualClock(Instant.now());
        OnceVerifiedTokens cache = new OnceVerifiedTokens(10, MAX_AGE, clock);
        String token = tokenForAnHour();
        cache.parse(token, verifier::parse);

        clock.advance(MAX_AGE.minusSeconds(1));
        cache.parse(token, verifier::parse);
        assertThat(verifier.checks).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        cache.parse(token, verifier::parse);
        assertThat(verifier.checks).isEqualTo(2);
    }

    @Test
    void aTokenPastItsExpButWithinTheVerifiersClockSkewIsNotKept() throws ParseException {
        CountingVerifier lenient = verifierWithClockSkew(60);
        OnceVerifiedTokens cache = new OnceVerifiedTokens(10, MAX_AGE, Clock.systemUTC());
        Instant now = Instant.now();
        String token = senderToken(now.minusSeconds(600), now.minusSeconds(5));

        cache.parse(token, lenient::parse);
        cache.parse(token, lenient::parse);

        assertThat(lenient.checks).isEqualTo(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void keepsNoMoreThanMaxEntriesTokens() throws ParseException {
        OnceVerifiedTokens cache = new OnceVerifiedTokens(2, MAX_AGE, Clock.systemUTC());
        String newest = tokenForAnHour();

        cache.parse(tokenForAnHour(), verifier::parse);
        cache.parse(tokenForAnHour(), verifier::parse);
        cache.parse(newest, verifier::parse);

        assertThat(cache.size()).isEqualTo(2);
        cache.parse(newest, verifier::parse);
        assertThat(verifier.checks).isEqualTo(3);
    }
}
