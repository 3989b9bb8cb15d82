package dev.vigil.alerts.ratelimit;

import dev.vigil.alerts.http.Caller;
import dev.vigil.problems.Problem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Limits each authenticated client (the bearer token's subject within its bank) to
 * {@code vigil.alerts.rate-limit.*} on every REST endpoint; Quarkus' own routes ({@code /q/health},
 * {@code /q/metrics}) are not REST endpoints and are never limited. A client over its limit gets
 * {@code 429} with {@code Retry-After}, as a problem document, and is counted in
 * {@code vigil.alerts.rate.limited} by bank only: subjects are unbounded, banks are not.
 *
 * <p>A request without a valid token draws on no allowance; the security checks answer it {@code 401}.
 * The identity is resolved without blocking, because the live stream runs on the event loop.
 */
class RateLimitFilter {

    static final String RATE_LIMITED = "vigil.alerts.rate.limited";

    private final RateLimiter limiter;
    private final CurrentIdentityAssociation identities;
    private final MeterRegistry meters;

    RateLimitFilter(RateLimiter limiter, CurrentIdentityAssociation identities, MeterRegistry meters) {
        this.limiter = limiter;
        this.identities = identities;
        this.meters = meters;
    }

    @ServerRequestFilter
    Uni<Response> limit() {
        return identities.getDeferredIdentity().map(this::limit);
    }

    private Response limit(SecurityIdentity identity) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return null;
        }
        String bank = token.getClaim(Caller.BANK_CLAIM) instanceof String text ? text : "";
        String subject = token.getSubject() != null ? token.getSubject() : token.getName();
        RateLimiter.Decision decision = limiter.tryAcquire(new ClientKey(bank, subject));
        if (decision.allowed()) {
            return null;
        }
        Counter.builder(RATE_LIMITED)
                .description("Requests refused because their client was over its rate limit")
                .tag("bank", bank)
                .register(meters)
                .increment();
        long seconds = decision.retryAfterSeconds();
        Problem problem = Problem.of(
                429, "Too Many Requests", "this client is over its request rate limit; retry after " + seconds + " s");
        return Response.status(429)
                .type(Problem.MEDIA_TYPE)
                .entity(problem)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .build();
    }
}
