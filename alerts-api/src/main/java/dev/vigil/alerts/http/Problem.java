package dev.vigil.alerts.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 7807 problem document ({@code application/problem+json}). {@code errors} names each
 * request parameter at fault and why, when there are any; it never echoes a submitted value.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<InvalidParameter> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One bad request parameter: its name and what is wrong with it. */
    public record InvalidParameter(String parameter, String reason) {
    }

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, null);
    }

    public static Problem badParameters(List<InvalidParameter> errors) {
        return new Problem("about:blank", "Bad Request", 400, "some request parameters are invalid", List.copyOf(errors));
    }
}
