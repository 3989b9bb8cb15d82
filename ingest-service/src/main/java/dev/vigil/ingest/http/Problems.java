package dev.vigil.ingest.http;

import dev.vigil.ingest.validation.FieldError;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The problem responses of the API, one place for their types and titles. */
public final class Problems {

    private static final String TYPE_PREFIX = "urn:vigil:problem:";

    private Problems() {
    }

    public static Response invalid(List<FieldError> errors) {
        return response(400, "invalid-request", "The request is invalid",
                errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid", errors);
    }

    /** Records of another bank than the token's: the sender may not send them, whatever they hold. */
    public static Response foreignBank(List<FieldError> errors) {
        return response(403, "forbidden", "Forbidden", "a sender may send records of its own bank only", errors);
    }

    static Response unauthenticated() {
        return builder(401, "unauthorized", "Unauthorized", "a valid bearer token is required", null)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    static Response forbidden() {
        return response(403, "forbidden", "Forbidden", "the token does not allow this", null);
    }

    /** A label about a transaction the bank did not send (or on another card): never taken for training. */
    public static Response unknownTransaction(List<FieldError> errors) {
        return response(422, "unknown-transaction", "No such transaction of this bank",
                "a label must name a transaction its bank sent, with that transaction's card", errors);
    }

    public static Response conflict(List<FieldError> errors) {
        return response(409, "conflict", "Already accepted with different content",
                "a transaction id can be retried only with the same content", errors);
    }

    public static Response unavailable(String detail) {
        // the producer gives up within seconds, so a retry soon after is reasonable
        return builder(503, "unavailable", "Cannot accept events right now", detail + "; retry later", null)
                .header("Retry-After", "2")
                .build();
    }

    static Response unsupportedMediaType() {
        return response(415, "unsupported-media-type", "Unsupported media type",
                "send the body as application/json", null);
    }

    private static Response response(int status, String type, String title, String detail, List<FieldError> errors) {
        return builder(status, type, title, detail, errors).build();
    }

    private static Response.ResponseBuilder builder(int status, String type, String title, String detail,
            List<FieldError> errors) {
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem(TYPE_PREFIX + type, title, status, detail, errors));
    }
}
