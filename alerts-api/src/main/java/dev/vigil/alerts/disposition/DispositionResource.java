package dev.vigil.alerts.disposition;

import dev.vigil.alerts.http.Caller;
import dev.vigil.problems.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.time.Clock;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Analysts' decisions on alerts; each one becomes a {@code TransactionLabel} on {@code transaction-labels}. */
@Path("/api/v1/alerts/{alertId}/disposition")
@RolesAllowed("analyst")
@APIResponse(
        responseCode = "429",
        description = "This client is over its request rate limit; see Retry-After",
        headers =
                @Header(
                        name = "Retry-After",
                        description = "Seconds to wait",
                        schema = @Schema(type = SchemaType.INTEGER)),
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@SecurityRequirement(name = "bearer")
public class DispositionResource {

    /** What a decision changed: the alert's new status and version, and its label's id ({@code null} for a reopen). */
    public record Decided(String alertId, String status, int version, String labelId) {}

    private final Dispositions dispositions;
    private final Caller caller;
    private final Clock clock;

    DispositionResource(Dispositions dispositions, Caller caller, Clock clock) {
        this.dispositions = dispositions;
        this.caller = caller;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Decide an alert",
            description = "CONFIRMED_FRAUD or FALSE_POSITIVE, or REOPEN, on the version the"
                    + " analyst saw. A verdict's label reaches transaction-labels (transactional outbox); a reopen sends none."
                    + " Every decision is kept in the alert's history.")
    @APIResponse(responseCode = "200", description = "Decided")
    @APIResponse(
            responseCode = "400",
            description = "A field is invalid; each one is named",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "403",
            description = "The token is not an analyst's",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such alert for the token's bank",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "The version is not the alert's current one",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Decided decide(@PathParam("alertId") String alertId, DispositionRequest request) throws SQLException {
        if (request == null) {
            request = new DispositionRequest(null, null, null);
        }
        DispositionRequest.Checked decision = request.check(caller.name());
        int version = dispositions.decide(caller.bank(), alertId, decision, clock.instant());
        return new Decided(
                alertId,
                decision.disposition().status.name(),
                version,
                decision.disposition().label == null ? null : Dispositions.labelId(alertId, version));
    }
}
