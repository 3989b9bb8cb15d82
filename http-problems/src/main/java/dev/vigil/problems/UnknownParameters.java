package dev.vigil.problems;

import dev.vigil.card.CardNumbers;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses query parameters the called endpoint does not read, in every service: a misspelt filter
 * ({@code staus=OPEN}) would otherwise be answered as if it were applied. One error per unknown name.
 */
public final class UnknownParameters {

    /** A made-up name is named only when it is plain; anything else could carry data. */
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    @ServerRequestFilter
    Optional<Response> refuseUnknown(UriInfo uri, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null || uri.getQueryParameters().isEmpty()) {
            return Optional.empty();
        }
        Set<String> known = Arrays.stream(method.getParameters())
                .map(parameter -> parameter.getAnnotation(QueryParam.class))
                .filter(Objects::nonNull)
                .map(QueryParam::value)
                .collect(Collectors.toSet());
        List<FieldError> unknown = uri.getQueryParameters().keySet().stream()
                .filter(name -> !known.contains(name))
                .map(UnknownParameters::shown)
                .sorted()
                .distinct()
                .map(name -> new FieldError(name, "is not a parameter of this request"))
                .toList();
        return unknown.isEmpty()
                ? Optional.empty()
                : Optional.of(Problem.invalid(unknown).toResponse());
    }

    /** How an unknown name is reported: as sent when it is a plain name, else {@code <unnamed>}. */
    public static String shown(String name) {
        return PLAIN_NAME.matcher(name).matches() && !CardNumbers.appearIn(name) ? name : "<unnamed>";
    }
}
