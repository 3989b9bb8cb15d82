package dev.vigil.ingest.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vigil.ingest.validation.FieldError;
import java.util.List;

/**
 * An RFC 7807 problem document ({@code application/problem+json}); {@code errors} lists the
 * fields at fault, when there are any.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
