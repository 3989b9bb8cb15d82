package dev.vigil.alerts.query;

import dev.vigil.alerts.AlertsConfig;
import dev.vigil.alerts.http.Caller;
import dev.vigil.alerts.http.ProblemException;
import dev.vigil.problems.FieldError;
import dev.vigil.problems.Problem;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** Alerts for bank apps, newest first (docs/architecture.md). */
@Path("/api/v1/alerts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"app", "analyst"})
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
public class AlertResource {

    private final AlertQueries queries;
    private final AlertsConfig config;
    private final Caller caller;
    private final AlertFeed feed;
    private final Clock clock;

    AlertResource(AlertQueries queries, AlertsConfig config, Caller caller, AlertFeed feed, Clock clock) {
        this.feed = feed;
        this.clock = clock;
        this.queries = queries;
        this.config = config;
        this.caller = caller;
    }

    @GET
    @Operation(
            summary = "List alerts",
            description = "Newest first by event time; keyset pagination through nextCursor.")
    @APIResponse(responseCode = "200", description = "A page of alerts")
    @APIResponse(
            responseCode = "400",
            description = "A query parameter is invalid; each one is named",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AlertPage list(
            @Parameter(description = "The token's bank (the default); any other is refused") @QueryParam("bankId")
                    String bankId,
            @Parameter(description = "OPEN, CONFIRMED_FRAUD or FALSE_POSITIVE") @QueryParam("status") String status,
            @Parameter(description = "Only this card token's alerts") @QueryParam("cardToken") String cardToken,
            @Parameter(description = "Only this merchant's alerts") @QueryParam("merchantId") String merchantId,
            @Parameter(description = "Event time at or after this ISO-8601 instant") @QueryParam("from") String from,
            @Parameter(description = "Event time before this ISO-8601 instant") @QueryParam("to") String to,
            @Parameter(description = "Score at least this, from 0 to 1") @QueryParam("minScore") String minScore,
            @Parameter(description = "Page size, 1 to 500 (default 50)") @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor)
            throws SQLException {
        AlertFilter filter = new AlertQueryParameters(
                        ownBank(bankId), status, cardToken, merchantId, from, to, minScore, limit, cursor)
                .toFilter(config.page().defaultSize(), config.page().maxSize());
        return queries.page(filter);
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "New alerts of the token's bank, live",
            description = "Server-sent events, one alert each, as the sink stores them.")
    public Multi<AlertView> stream() {
        return feed.forBank(caller.bank());
    }

    @GET
    @Path("/counts")
    @Operation(
            summary = "Alerts per day and status",
            description =
                    "Days are UTC days of the transaction's event time; the window defaults to the last 30 days, at most 366.")
    @APIResponse(responseCode = "200", description = "The counts, newest day first")
    @APIResponse(
            responseCode = "400",
            description = "A query parameter is invalid; each one is named",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AlertCounts counts(
            @Parameter(description = "The token's bank (the default); any other is refused") @QueryParam("bankId")
                    String bankId,
            @Parameter(description = "Event time at or after this ISO-8601 instant (default: 30 days before to)")
                    @QueryParam("from")
                    String from,
            @Parameter(description = "Event time before this ISO-8601 instant (default: now)") @QueryParam("to")
                    String to)
            throws SQLException {
        return queries.counts(AlertQueryParameters.countFilter(ownBank(bankId), from, to, clock.instant()));
    }

    @GET
    @Path("/{alertId}")
    @Operation(summary = "One alert by id")
    @APIResponse(responseCode = "200", description = "The alert")
    @APIResponse(
            responseCode = "404",
            description = "No such alert",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AlertView byId(@PathParam("alertId") String alertId) throws SQLException {
        return queries.byId(caller.bank(), alertId)
                .orElseThrow(() -> ProblemException.notFound("no alert with this id"));
    }

    /** Every query is scoped to the token's bank; naming another one is refused, never answered. */
    private String ownBank(String bankId) {
        String bank = caller.bank();
        if (bankId != null && !bankId.equals(bank)) {
            throw new ProblemException(Problem.of(
                    403,
                    "Forbidden",
                    "bankId must be the bank of the token",
                    List.of(new FieldError("bankId", "is not the bank of the token"))));
        }
        return bank;
    }
}
