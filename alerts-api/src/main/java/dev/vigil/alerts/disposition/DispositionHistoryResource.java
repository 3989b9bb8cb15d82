package dev.vigil.alerts.disposition;

import dev.vigil.alerts.http.Caller;
import dev.vigil.problems.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Who decided what on an alert, and when: every decision, oldest first, never rewritten. */
@Path("/api/v1/alerts/{alertId}/history")
@RolesAllowed({"app", "analyst"})
@SecurityRequirement(name = "bearer")
public class DispositionHistoryResource {

    private final Dispositions dispositions;
    private final Caller caller;

    DispositionHistoryResource(Dispositions dispositions, Caller caller) {
        this.dispositions = dispositions;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "An alert's decisions", description = "Every disposition and reopen, oldest first.")
    @APIResponse(responseCode = "200", description = "The decisions")
    @APIResponse(
            responseCode = "404",
            description = "No such alert for the token's bank",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<Decision> history(@PathParam("alertId") String alertId) throws SQLException {
        return dispositions.history(caller.bank(), alertId);
    }
}
