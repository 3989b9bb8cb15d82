package dev.vigil.ingest.label;

import static dev.vigil.ingest.testing.SampleRequests.NOW;
import static dev.vigil.ingest.testing.SampleRequests.label;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.Label;
import dev.vigil.events.LabelSource;
import dev.vigil.ingest.json.JsonReader;
import dev.vigil.ingest.json.MalformedJsonException;
import dev.vigil.ingest.testing.JsonText;
import dev.vigil.ingest.validation.Validation;
import dev.vigil.problems.FieldError;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LabelValidatorTest {

    private final LabelValidator validator = new LabelValidator(Duration.ofMinutes(5));

    private Validation<LabelRequest> validate(JsonText json) {
        try {
            return validator.validate(new JsonReader(8).read(json.bytes()), NOW);
        } catch (MalformedJsonException e) {
            throw new AssertionError(e);
        }
    }

    private List<FieldError> errors(JsonText json) {
        return validate(json).errors();
    }

    @Test
    void acceptsTheMinimalLabelWithoutTimes() {
        LabelRequest request = validate(label()).value();

        assertThat(request.label()).isEqualTo(Label.FRAUD);
        assertThat(request.source()).isEqualTo(LabelSource.CHARGEBACK);
        assertThat(request.labelledAt()).isNull();
        assertThat(request.transactionTime()).isNull();
        assertThat(request.note()).isNull();
    }

    @Test
    void acceptsAllOptionalFields() {
        LabelRequest request = validate(label().text("label", "GENUINE")
                        .text("source", "CARDHOLDER")
                        .text("labelledAt", "2026-11-22T10:00:00+01:00")
                        .text("transactionTime", "2026-11-20T08:00:00Z")
                        .text("note", "confirmed by phone\nticket 12"))
                .value();

        assertThat(request.labelledAt()).isEqualTo(Instant.parse("2026-11-22T09:00:00Z"));
        assertThat(request.transactionTime()).isEqualTo(Instant.parse("2026-11-20T08:00:00Z"));
        assertThat(request.note()).isEqualTo("confirmed by phone\nticket 12");
    }

    @Test
    void reportsEveryMissingRequiredFieldAtOnce() {
        assertThat(errors(JsonText.object()))
                .containsExactlyInAnyOrder(
                        new FieldError("transactionId", "is required"),
                        new FieldError("bankId", "is required"),
                        new FieldError("pan", "is required"),
                        new FieldError("label", "is required"),
                        new FieldError("source", "is required"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"UNKNOWN", "fraud", "MAYBE"})
    void rejectsLabelOtherThanFraudOrGenuine(String label) {
        assertThat(errors(label().text("label", label)))
                .containsExactly(new FieldError("label", "must be one of FRAUD, GENUINE"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ANALYST", "UNKNOWN", "chargeback"})
    void rejectsSourceOtherThanChargebackOrCardholder(String source) {
        assertThat(errors(label().text("source", source)))
                .containsExactly(new FieldError("source", "must be one of CARDHOLDER, CHARGEBACK"));
    }

    @Test
    void rejectsPanFailingLuhn() {
        assertThat(errors(label().text("pan", "4111111111111112")))
                .containsExactly(new FieldError("pan", "fails the Luhn check"));
    }

    @Test
    void rejectsLabelledAtWithoutOffset() {
        assertThat(errors(label().text("labelledAt", "2026-11-22T09:00:00")))
                .containsExactly(new FieldError(
                        "labelledAt", "must state its offset from UTC, such as 2026-11-22T10:15:30+01:00 or ...Z"));
    }

    @Test
    void rejectsLabelledAtInTheFuture() {
        assertThat(errors(label().text("labelledAt", "2026-11-22T09:30:00Z")))
                .containsExactly(new FieldError("labelledAt", "must not be in the future"));
    }

    @Test
    void rejectsTransactionTimeAfterLabelledAt() {
        assertThat(errors(label().text("labelledAt", "2026-11-21T00:00:00Z")
                        .text("transactionTime", "2026-11-21T00:00:01Z")))
                .containsExactly(new FieldError(
                        "transactionTime", "must not be after labelledAt: a label cannot precede its transaction"));
    }

    @Test
    void rejectsNoteContainingACardNumber() {
        assertThat(errors(label().text("note", "customer read out 4111 1111 1111 1111 on the phone")))
                .containsExactly(new FieldError("note", "must not contain a card number"));
    }

    @Test
    void rejectsACardNumberAsTheTransactionId() {
        assertThat(errors(label().text("transactionId", "5555555555554444")))
                .containsExactly(new FieldError("transactionId", "must not contain a card number"));
    }

    @Test
    void acceptsNoteWithShortNumbers() {
        assertThat(errors(label().text("note", "case 2026-11-22 ref 12345678901")))
                .isEmpty();
    }

    @Test
    void rejectsNoteLongerThan500Characters() {
        assertThat(errors(label().text("note", "x".repeat(501))))
                .containsExactly(new FieldError("note", "must be at most 500 characters"));
    }

    @Test
    void rejectsNoteWithControlCharacters() {
        assertThat(errors(label().text("note", "bell\u0007")))
                .containsExactly(new FieldError("note", "must not contain control characters other than line breaks"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"labelId", "cardToken"})
    void rejectsServerOwnedField(String field) {
        assertThat(errors(label().text(field, "x")))
                .containsExactly(new FieldError(field, "is set by the server and must not be sent"));
    }

    @Test
    void rejectsUnknownFieldNamingIt() {
        assertThat(errors(label().text("amount", "1")))
                .containsExactly(new FieldError("amount", "is not a known field"));
    }
}
