package dev.vigil.ingest.label;

import static dev.vigil.ingest.validation.ObjectFields.Presence.OPTIONAL;
import static dev.vigil.ingest.validation.ObjectFields.Presence.REQUIRED;

import dev.vigil.events.Label;
import dev.vigil.events.LabelSource;
import dev.vigil.ingest.card.CardNumber;
import dev.vigil.ingest.json.JsonValue;
import dev.vigil.ingest.validation.Checks;
import dev.vigil.ingest.validation.FieldErrors;
import dev.vigil.ingest.validation.ObjectFields;
import dev.vigil.ingest.validation.Validation;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * Validates a submitted label (see docs/architecture.md): a pure function of the parsed body and
 * the current time, reporting every problem at once. Analyst verdicts come from alerts-api, so
 * this endpoint takes chargebacks and cardholder confirmations only.
 */
final class LabelValidator {

    static final int ID_MAX_LENGTH = 64;
    static final int NOTE_MAX_LENGTH = 500;
    static final Set<String> FIELDS =
            Set.of("transactionId", "bankId", "pan", "label", "source", "labelledAt", "transactionTime", "note");
    static final Set<String> SERVER_OWNED = Set.of("labelId", "cardToken");
    private static final Set<Label> LABELS = EnumSet.of(Label.FRAUD, Label.GENUINE);
    private static final Set<LabelSource> SOURCES = EnumSet.of(LabelSource.CHARGEBACK, LabelSource.CARDHOLDER);

    private final Duration maxAhead;

    /** @param maxAhead how far in the future a stated time may be (clock skew) */
    LabelValidator(Duration maxAhead) {
        this.maxAhead = maxAhead;
    }

    Validation<LabelRequest> validate(JsonValue body, Instant now) {
        FieldErrors errors = new FieldErrors();
        ObjectFields in = ObjectFields.open(body, "", FIELDS, SERVER_OWNED, errors);
        if (in == null) {
            return Validation.invalid(errors.list());
        }
        String transactionId =
                in.accept("transactionId", Checks.identifier(in.text("transactionId", REQUIRED), ID_MAX_LENGTH));
        String bankId = in.accept("bankId", Checks.identifier(in.text("bankId", REQUIRED), ID_MAX_LENGTH));
        CardNumber card = in.accept("pan", CardNumber.parse(in.text("pan", REQUIRED)));
        Label label = in.accept("label", Checks.oneOf(in.text("label", REQUIRED), LABELS));
        LabelSource source = in.accept("source", Checks.oneOf(in.text("source", REQUIRED), SOURCES));
        Instant labelledAt = notInFuture(in, "labelledAt", now);
        Instant transactionTime = notInFuture(in, "transactionTime", now);
        // compared with "now" when labelledAt defaults to it, not when labelledAt was invalid
        boolean labelTimeKnown = labelledAt != null || !in.present("labelledAt");
        if (transactionTime != null
                && labelTimeKnown
                && transactionTime.isAfter(labelledAt == null ? now : labelledAt)) {
            in.reject("transactionTime", "must not be after labelledAt: a label cannot precede its transaction");
        }
        String note = in.accept("note", Checks.freeText(in.text("note", OPTIONAL), NOTE_MAX_LENGTH));
        return errors.toValidation(
                () -> new LabelRequest(transactionId, bankId, card, label, source, labelledAt, transactionTime, note));
    }

    private Instant notInFuture(ObjectFields in, String name, Instant now) {
        OffsetDateTime time = in.accept(name, Checks.dateTimeWithOffset(in.text(name, OPTIONAL)));
        if (time == null) {
            return null;
        }
        if (time.toInstant().isAfter(now.plus(maxAhead))) {
            in.reject(name, "must not be in the future");
            return null;
        }
        return time.toInstant();
    }
}
