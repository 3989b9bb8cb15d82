package dev.vigil.alerts.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.vigil.problems.FieldError;
import dev.vigil.problems.Problem;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error answer of this service's own is an RFC 7807 problem document (401, 403, 404...: {@code FrameworkProblems}). */
final class AlertsProblemMappers {

    private static final Logger LOG = Logger.getLogger(AlertsProblemMappers.class);

    @ServerExceptionMapper
    Response problem(ProblemException e) {
        return answer(e.problem());
    }

    /** The framework's own answers (unknown path, wrong method, unsupported media type, ...). */
    @ServerExceptionMapper
    Response framework(WebApplicationException e) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        return answer(Problem.of(status.getStatusCode(), status.getReasonPhrase(), status.getReasonPhrase()));
    }

    /** A body field the request does not have: refused by name, as ingest refuses one. */
    @ServerExceptionMapper
    Response unknownField(UnrecognizedPropertyException e) {
        return answer(Problem.invalid(List.of(new FieldError(
                dev.vigil.problems.UnknownParameters.shown(e.getPropertyName()), "is not a field of this request"))));
    }

    /** A body that is not the JSON the request takes; Jackson's message could quote it, so it is not used. */
    @ServerExceptionMapper
    Response unreadableBody(JsonProcessingException e) {
        return answer(
                Problem.invalid(List.of(new FieldError("body", "is not a JSON object of this request's fields"))));
    }

    @ServerExceptionMapper
    Response database(SQLException e) {
        LOG.warnf("database query failed: %s (SQLState %s)", e.getClass().getName(), e.getSQLState());
        return answer(Problem.of(503, "Service Unavailable", "the alert store cannot be read right now"));
    }

    @ServerExceptionMapper
    Response unexpected(RuntimeException e) {
        LOG.errorf("request failed: %s", e.getClass().getName());
        LOG.debug("request failure", e);
        return answer(Problem.of(500, "Internal Server Error", "the request could not be completed"));
    }

    private static Response answer(Problem problem) {
        return problem.toResponse();
    }
}
