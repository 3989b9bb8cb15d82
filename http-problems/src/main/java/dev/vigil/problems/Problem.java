package dev.vigil.problems;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;

/**
 * An RFC 7807 problem document ({@code application/problem+json}), the one error format of every
 * Vigil HTTP service: {@code type} is {@code urn:vigil:problem:<name>}, and {@code errors} names
 * each field or parameter at fault, when there are any, never echoing a submitted value.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_PREFIX = "urn:vigil:problem:";

    public Problem {
        errors = errors == null ? null : List.copyOf(errors);
    }

    /** A problem whose type is named after its title ({@code Not Found}: {@code urn:vigil:problem:not-found}). */
    public static Problem of(int status, String title, String detail) {
        return of(status, title, detail, null);
    }

    public static Problem of(int status, String title, String detail, List<FieldError> errors) {
        return named(title.toLowerCase(Locale.ROOT).replace(' ', '-'), status, title, detail, errors);
    }

    public static Problem named(String name, int status, String title, String detail, List<FieldError> errors) {
        return new Problem(TYPE_PREFIX + name, title, status, detail, errors);
    }

    /** {@code 400}: every field or parameter at fault, each with its reason. */
    public static Problem invalid(List<FieldError> errors) {
        return named(
                "invalid-request",
                400,
                "The request is invalid",
                errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid",
                errors);
    }

    public Response.ResponseBuilder toResponseBuilder() {
        return Response.status(status).type(MEDIA_TYPE).entity(this);
    }

    public Response toResponse() {
        return toResponseBuilder().build();
    }
}
