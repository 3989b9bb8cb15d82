package dev.vigil.ingest.http;

import io.smallrye.jwt.auth.principal.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Verifies each bearer token once, not on every request: a sender reuses its token for hours, and
 * the RSA signature check and the parse are most of what authentication costs. The claims of a
 * token that passed every check of the verifier (signature, issuer, audience, lifetime, {@code exp})
 * are kept under the exact token string until the earlier of its {@code exp} and {@code max-age}
 * after the check; then, or when the entry was evicted, the token is verified again. A token that
 * fails is never kept. {@code max-age} bounds how long a removed signing key still lets its tokens
 * in (a JWKS rotation), as a restart would. Thread-safe.
 */
final class OnceVerifiedTokens {

    /** The real check: smallrye-jwt's. */
    interface Verifier {
        JsonWebToken verify(String token) throws ParseException;
    }

    private record Verified(JsonWebToken claims, Instant expiresAt) {}

    private final int maxEntries;
    private final Duration maxAge;
    private final Clock clock;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    OnceVerifiedTokens(int maxEntries, Duration maxAge, Clock clock) {
        if (maxEntries < 1 || maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("the verified-token cache needs a positive size and age");
        }
        this.maxEntries = maxEntries;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** The claims of {@code token}, checked by {@code verifier} unless it passed a check recently. */
    JsonWebToken parse(String token, Verifier verifier) throws ParseException {
        Instant now = clock.instant();
        Verified known = verified.get(token);
        if (known != null && now.isBefore(known.expiresAt())) {
            return known.claims();
        }
        if (known != null) {
            verified.remove(token, known);
        }
        JsonWebToken claims = verifier.verify(token);
        // the verifier allows some clock skew past exp; the cache allows none
        Instant expiresAt = Instant.ofEpochSecond(claims.getExpirationTime());
        if (now.isBefore(expiresAt)) {
            keep(token, new Verified(claims, min(expiresAt, now.plus(maxAge))), now);
        }
        return claims;
    }

    int size() {
        return verified.size();
    }

    private void keep(String token, Verified entry, Instant now) {
        verified.put(token, entry);
        if (verified.size() <= maxEntries) {
            return;
        }
        // full: the expired go first, then any, so memory stays bounded whatever callers send
        verified.values().removeIf(v -> !now.isBefore(v.expiresAt()));
        Iterator<String> any = verified.keySet().iterator();
        while (verified.size() > maxEntries && any.hasNext()) {
            if (!any.next().equals(token)) {
                any.remove();
            }
        }
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
