package dev.vigil.problems;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * What the framework refuses by itself answered as problems, not as its own HTML or empty bodies:
 * an unknown path or method, an unsupported media type and a missing, invalid or insufficient bearer
 * token inside the REST layer (mappers), and the same plus an over-large body before it (the HTTP
 * router's error handlers).
 */
@ApplicationScoped
public class FrameworkProblems {

    static final Map<Integer, Problem> ANSWERS = Map.of(
            404, Problem.of(404, "Not Found", "no such resource"),
            405, Problem.of(405, "Method Not Allowed", "this resource does not take this method"),
            413, Problem.of(413, "Payload Too Large", "the body is larger than this service takes"),
            415, Problem.of(415, "Unsupported Media Type", "send the body as application/json"));

    private final Map<Integer, Buffer> bodies = new HashMap<>();

    FrameworkProblems(ObjectMapper json) throws JsonProcessingException {
        for (Map.Entry<Integer, Problem> answer : ANSWERS.entrySet()) {
            bodies.put(answer.getKey(), Buffer.buffer(json.writeValueAsBytes(answer.getValue())));
        }
    }

    void onRouter(@Observes Router router) {
        // Quarkus ends an over-large request with an empty 413 before any error handler; answering
        // first, on the declared length, gives it a body. (A chunked body over the limit still gets Quarkus' own.)
        ConfigProvider.getConfig()
                .getOptionalValue("quarkus.http.limits.max-body-size", MemorySize.class)
                .ifPresent(limit -> router.route()
                        .order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1)
                        .handler(context -> {
                            String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
                            if (length != null
                                    && length.chars().allMatch(Character::isDigit)
                                    && length.length() < 19
                                    && Long.parseLong(length) > limit.asLongValue()) {
                                context.response()
                                        .setStatusCode(413)
                                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                                        .putHeader("Connection", "close")
                                        .end(bodies.get(413));
                            } else {
                                context.next();
                            }
                        }));
        for (int status : ANSWERS.keySet()) {
            router.errorHandler(status, context -> {
                if (!context.response().ended() && !context.response().headWritten()) {
                    context.response()
                            .setStatusCode(status)
                            .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                            .end(bodies.get(status));
                }
            });
        }
    }

    @ServerExceptionMapper
    Response notFound(NotFoundException e) {
        return ANSWERS.get(404).toResponse();
    }

    @ServerExceptionMapper
    Response notAllowed(NotAllowedException e) {
        return ANSWERS.get(405)
                .toResponseBuilder()
                .allow(e.getResponse().getAllowedMethods())
                .build();
    }

    @ServerExceptionMapper
    Response unsupported(NotSupportedException e) {
        return ANSWERS.get(415).toResponse();
    }

    @ServerExceptionMapper
    Response notAcceptable(NotAcceptableException e) {
        return Problem.of(406, "Not Acceptable", "this resource answers application/json")
                .toResponse();
    }

    /** No token, or one that fails verification (signature, issuer, audience, expiry). */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    Response unauthenticated(RuntimeException e) {
        return Problem.of(401, "Unauthorized", "a valid bearer token is required")
                .toResponseBuilder()
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    /** A valid token whose role does not allow the call, or that names no bank. */
    @ServerExceptionMapper
    Response forbidden(ForbiddenException e) {
        return Problem.of(403, "Forbidden", "the token does not allow this").toResponse();
    }
}
