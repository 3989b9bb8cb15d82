package dev.vigil.ingest.http;

import dev.vigil.problems.FieldError;
import dev.vigil.problems.Problem;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The problem responses of the API ({@link Problem}, the format every Vigil service answers in). */
public final class Problems {

    private Problems() {}

    public static Response invalid(List<FieldError> errors) {
        return Problem.invalid(errors).toResponse();
    }

    /** Records of another bank than the token's: the sender may not send them, whatever they hold. */
    public static Response foreignBank(List<FieldError> errors) {
        return Problem.of(403, "Forbidden", "a sender may send records of its own bank only", errors)
                .toResponse();
    }

    /** A label about a transaction the bank did not send (or on another card): never taken for training. */
    public static Response unknownTransaction(List<FieldError> errors) {
        return Problem.named(
                        "unknown-transaction",
                        422,
                        "No such transaction of this bank",
                        "a label must name a transaction its bank sent, with that transaction's card",
                        errors)
                .toResponse();
    }

    public static Response conflict(List<FieldError> errors) {
        return Problem.named(
                        "conflict",
                        409,
                        "Already accepted with different content",
                        "a transaction id can be retried only with the same content",
                        errors)
                .toResponse();
    }

    public static Response unavailable(String detail) {
        // the producer gives up within seconds, so a retry soon after is reasonable
        return Problem.named("unavailable", 503, "Cannot accept events right now", detail + "; retry later", null)
                .toResponseBuilder()
                .header("Retry-After", "2")
                .build();
    }
}
