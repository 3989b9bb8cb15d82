package dev.vigil.alerts.http;

import dev.vigil.problems.Problem;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is asking, from the verified bearer token: their bank (claim {@value #BANK_CLAIM}), which
 * scopes every query, and their name, which signs their decisions.
 */
@RequestScoped
public class Caller {

    public static final String BANK_CLAIM = "bank_id";

    private final JsonWebToken token;

    Caller(JsonWebToken token) {
        this.token = token;
    }

    /** The caller's bank; a token without one may see nothing. */
    public String bank() {
        Object bank = token.getClaim(BANK_CLAIM);
        if (!(bank instanceof String text) || text.isBlank()) {
            throw new ProblemException(Problem.of(403, "Forbidden", "the token names no bank"));
        }
        return text;
    }

    /** The caller's name ({@code upn}, else {@code preferred_username}, else {@code sub}). */
    public String name() {
        return token.getName();
    }
}
