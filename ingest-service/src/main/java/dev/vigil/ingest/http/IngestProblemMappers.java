package dev.vigil.ingest.http;

import dev.vigil.ingest.json.MalformedJsonException;
import dev.vigil.ingest.kafka.EventLogUnavailableException;
import dev.vigil.problems.FieldError;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Turns the exceptions that end a request into problem documents. Metrics are tagged with the
 * resource method, which the resources name after their endpoint.
 */
class IngestProblemMappers {

    private final IngestMetrics metrics;

    IngestProblemMappers(IngestMetrics metrics) {
        this.metrics = metrics;
    }

    @ServerExceptionMapper
    Response malformed(MalformedJsonException e, SimpleResourceInfo endpoint) {
        List<FieldError> errors = List.of(new FieldError("body", e.getMessage()));
        metrics.rejected(endpoint.getMethodName(), errors, Set.of());
        return Problems.invalid(errors);
    }

    @ServerExceptionMapper
    Response unavailable(EventLogUnavailableException e, SimpleResourceInfo endpoint) {
        metrics.unavailable(endpoint.getMethodName());
        return Problems.unavailable(e.getMessage());
    }
}
