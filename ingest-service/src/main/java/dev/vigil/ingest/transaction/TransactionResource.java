package dev.vigil.ingest.transaction;

import dev.vigil.ingest.IngestConfig;
import dev.vigil.ingest.http.IngestMetrics;
import dev.vigil.ingest.http.Problems;
import dev.vigil.ingest.http.Sender;
import dev.vigil.ingest.json.JsonReader;
import dev.vigil.ingest.json.MalformedJsonException;
import dev.vigil.ingest.validation.TimeWindow;
import dev.vigil.ingest.validation.Validation;
import dev.vigil.problems.FieldError;
import dev.vigil.problems.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code POST /api/v1/transactions} and {@code /batch}: parse, validate, hand over to
 * {@link TransactionIntake}, answer. Runs on worker threads: it waits for Kafka's acknowledgement.
 */
@Path("/api/v1/transactions")
@RolesAllowed(Sender.ROLE)
@Consumes(MediaType.APPLICATION_JSON)
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class TransactionResource {

    record Accepted(String transactionId) {}

    record BatchAccepted(List<String> accepted) {}

    private final JsonReader reader;
    private final TransactionValidator validator;
    private final BatchValidator batchValidator;
    private final TransactionIntake intake;
    private final IngestMetrics metrics;
    private final Sender sender;
    private final Clock clock;

    TransactionResource(
            IngestConfig config,
            JsonReader reader,
            TransactionIntake intake,
            IngestMetrics metrics,
            Sender sender,
            Clock clock) {
        this.sender = sender;
        this.reader = reader;
        this.validator = new TransactionValidator(
                config.amount().maxMinor(),
                new TimeWindow(config.clockSkew().future(), config.clockSkew().past()));
        this.batchValidator = new BatchValidator(validator, config.batch().maxSize());
        this.intake = intake;
        this.metrics = metrics;
        this.clock = clock;
    }

    @POST
    public Response transaction(byte[] body) throws MalformedJsonException {
        Validation<TransactionRequest> request = validator.validate(reader.read(body), clock.instant());
        if (!request.isValid()) {
            metrics.rejected("transaction", request.errors(), TransactionValidator.FIELDS);
            return Problems.invalid(request.errors());
        }
        List<FieldError> foreign = sender.foreignBanks(List.of(request.value().bankId()), i -> "bankId");
        if (!foreign.isEmpty()) {
            return Problems.foreignBank(foreign);
        }
        TransactionIntake.Outcome outcome = intake.submit(List.of(request.value()));
        if (!outcome.conflicts().isEmpty()) {
            metrics.conflict("transaction");
            return Problems.conflict(List.of(conflict("transactionId")));
        }
        count("transaction", outcome);
        return Response.accepted(new Accepted(request.value().transactionId())).build();
    }

    @POST
    @Path("/batch")
    public Response batch(byte[] body) throws MalformedJsonException {
        Validation<List<TransactionRequest>> requests = batchValidator.validate(reader.read(body), clock.instant());
        if (!requests.isValid()) {
            metrics.rejected("batch", requests.errors(), TransactionValidator.FIELDS);
            return Problems.invalid(requests.errors());
        }
        List<FieldError> foreign = sender.foreignBanks(
                requests.value().stream().map(TransactionRequest::bankId).toList(),
                i -> BatchValidator.FIELD + "[" + i + "].bankId");
        if (!foreign.isEmpty()) {
            return Problems.foreignBank(foreign);
        }
        TransactionIntake.Outcome outcome = intake.submit(requests.value());
        if (!outcome.conflicts().isEmpty()) {
            metrics.conflict("batch");
            return Problems.conflict(outcome.conflicts().stream()
                    .map(i -> conflict(BatchValidator.FIELD + "[" + i + "].transactionId"))
                    .collect(Collectors.toList()));
        }
        count("batch", outcome);
        return Response.accepted(new BatchAccepted(requests.value().stream()
                        .map(TransactionRequest::transactionId)
                        .collect(Collectors.toList())))
                .build();
    }

    private static FieldError conflict(String field) {
        return new FieldError(field, "was already accepted for this bank with different content");
    }

    private void count(String endpoint, TransactionIntake.Outcome outcome) {
        metrics.accepted(endpoint, outcome.produced());
        metrics.replayed(endpoint, outcome.replayed());
    }
}
