package dev.vigil.ingest.label;

import dev.vigil.events.TransactionLabel;
import dev.vigil.ingest.IngestConfig;
import dev.vigil.ingest.card.PanTokenizer;
import dev.vigil.ingest.http.IngestMetrics;
import dev.vigil.ingest.http.Problems;
import dev.vigil.ingest.http.Sender;
import dev.vigil.ingest.json.JsonReader;
import dev.vigil.ingest.json.MalformedJsonException;
import dev.vigil.ingest.kafka.EventPublisher;
import dev.vigil.ingest.transaction.SentTransactions;
import dev.vigil.ingest.validation.Validation;
import dev.vigil.problems.FieldError;
import dev.vigil.problems.Problem;
import dev.vigil.schemas.Topics;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * {@code POST /api/v1/labels}: ground truth from chargebacks and cardholders about transactions
 * the bank sent, produced to {@code transaction-labels} keyed by the card token. A retry produces the label again with the
 * same id; its readers drop the copy.
 */
@Path("/api/v1/labels")
@RolesAllowed(Sender.ROLE)
@Consumes(MediaType.APPLICATION_JSON)
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class LabelResource {

    record Accepted(String labelId) {}

    private final JsonReader reader;
    private final LabelValidator validator;
    private final PanTokenizer tokenizer;
    private final EventPublisher publisher;
    private final IngestMetrics metrics;
    private final Sender sender;
    private final SentTransactions sentTransactions;
    private final Clock clock;

    LabelResource(
            IngestConfig config,
            JsonReader reader,
            PanTokenizer tokenizer,
            EventPublisher publisher,
            IngestMetrics metrics,
            Sender sender,
            SentTransactions sentTransactions,
            Clock clock) {
        this.sentTransactions = sentTransactions;
        this.sender = sender;
        this.reader = reader;
        this.validator = new LabelValidator(config.clockSkew().future());
        this.tokenizer = tokenizer;
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = clock;
    }

    @POST
    public Response label(byte[] body) throws MalformedJsonException {
        Instant now = clock.instant();
        Validation<LabelRequest> request = validator.validate(reader.read(body), now);
        if (!request.isValid()) {
            metrics.rejected("label", request.errors(), LabelValidator.FIELDS);
            return Problems.invalid(request.errors());
        }
        List<FieldError> foreign = sender.foreignBanks(List.of(request.value().bankId()), i -> "bankId");
        if (!foreign.isEmpty()) {
            return Problems.foreignBank(foreign);
        }
        String cardToken = tokenizer.tokenize(request.value().card()).token();
        List<FieldError> unknown = ofTransactionSent(request.value(), cardToken);
        if (!unknown.isEmpty()) {
            metrics.rejected("label", unknown, LabelValidator.FIELDS);
            return Problems.unknownTransaction(unknown);
        }
        TransactionLabel event = LabelEvents.toEvent(request.value(), cardToken, now);
        publisher.awaitAll(
                List.of(publisher.send(Topics.TRANSACTION_LABELS, event.getCardToken(), event, event.getLabelledAt())));
        metrics.accepted("label", 1);
        return Response.accepted(new Accepted(event.getLabelId())).build();
    }

    /**
     * Labels train the models, so one is taken only for a transaction its bank sent through this
     * service, on that transaction's card: nothing else can be made a fraud, or a genuine purchase.
     */
    private List<FieldError> ofTransactionSent(LabelRequest label, String cardToken) {
        return sentTransactions
                .cardTokenOf(label.bankId(), label.transactionId())
                .map(sentCard -> sentCard.equals(cardToken)
                        ? List.<FieldError>of()
                        : List.of(new FieldError("pan", "is not the card of this transaction")))
                .orElse(List.of(new FieldError("transactionId", "names no transaction this bank sent")));
    }
}
