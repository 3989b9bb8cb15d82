package dev.vigil.ingest.transaction;

import static dev.vigil.ingest.testing.SampleRequests.NOW;
import static dev.vigil.ingest.testing.SampleRequests.VISA;
import static dev.vigil.ingest.testing.SampleRequests.transaction;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.Channel;
import dev.vigil.ingest.json.JsonReader;
import dev.vigil.ingest.json.MalformedJsonException;
import dev.vigil.ingest.testing.JsonText;
import dev.vigil.ingest.validation.TimeWindow;
import dev.vigil.ingest.validation.Validation;
import dev.vigil.problems.FieldError;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TransactionValidatorTest {

    static final long MAX_MINOR = 100_000_000_000L;
    static final TimeWindow FIVE_MINUTES_AHEAD_SEVEN_DAYS_BEHIND =
            new TimeWindow(Duration.ofMinutes(5), Duration.ofDays(7));

    private final TransactionValidator validator =
            new TransactionValidator(MAX_MINOR, FIVE_MINUTES_AHEAD_SEVEN_DAYS_BEHIND);

    private Validation<TransactionRequest> validate(JsonText json) {
        try {
            return validator.validate(new JsonReader(8).read(json.bytes()), NOW);
        } catch (MalformedJsonException e) {
            throw new AssertionError("fixture is not JSON: " + e.getMessage(), e);
        }
    }

    private List<FieldError> errors(JsonText json) {
        return validate(json).errors();
    }

    private static FieldError error(String field, String reason) {
        return new FieldError(field, reason);
    }

    @Test
    void acceptsTheDocumentedExample() {
        Validation<TransactionRequest> result = validate(transaction());

        assertThat(result.errors()).isEmpty();
        TransactionRequest request = result.value();
        assertThat(request.transactionId()).isEqualTo("tx-000123");
        assertThat(request.card().digits()).isEqualTo(VISA);
        assertThat(request.amountMinor()).isEqualTo(1234);
        assertThat(request.currency()).isEqualTo("EUR");
        assertThat(request.channel()).isEqualTo(Channel.CARD_PRESENT);
        assertThat(request.latitude()).isEqualTo(52.52);
        assertThat(request.longitude()).isEqualTo(13.40);
        assertThat(request.timestamp().getOffset().getTotalSeconds()).isEqualTo(3600);
        assertThat(request.timestamp().toInstant()).isEqualTo(NOW.minusSeconds(300));
    }

    @Test
    void acceptsTransactionWithoutOptionalFields() {
        Validation<TransactionRequest> result =
                validate(transaction().without("terminalId").without("latitude").without("longitude"));

        assertThat(result.errors()).isEmpty();
        assertThat(result.value().terminalId()).isNull();
        assertThat(result.value().latitude()).isNull();
    }

    @Test
    void treatsNullOptionalFieldsAsAbsent() {
        assertThat(errors(transaction()
                        .raw("terminalId", "null")
                        .raw("latitude", "null")
                        .raw("longitude", "null")))
                .isEmpty();
    }

    @Test
    void reportsEveryMissingRequiredFieldAtOnce() {
        assertThat(errors(JsonText.object()))
                .containsExactlyInAnyOrder(
                        error("transactionId", "is required"),
                        error("bankId", "is required"),
                        error("pan", "is required"),
                        error("amount", "is required"),
                        error("currency", "is required"),
                        error("merchantId", "is required"),
                        error("mcc", "is required"),
                        error("merchantCountry", "is required"),
                        error("channel", "is required"),
                        error("timestamp", "is required"));
    }

    @Test
    void rejectsNullForRequiredField() {
        assertThat(errors(transaction().raw("bankId", "null"))).containsExactly(error("bankId", "is required"));
    }

    @Test
    void reportsErrorsOfDifferentFieldsTogether() {
        assertThat(errors(transaction()
                        .text("pan", "4111111111111112")
                        .text("currency", "EURO")
                        .text("mcc", "541")))
                .containsExactlyInAnyOrder(
                        error("pan", "fails the Luhn check"),
                        error("currency", "must be an ISO 4217 currency code in upper case, such as EUR"),
                        error("mcc", "must be exactly 4 digits"));
    }

    // --- card number

    @Test
    void rejectsPanFailingLuhn() {
        assertThat(errors(transaction().text("pan", "4111111111111112")))
                .containsExactly(error("pan", "fails the Luhn check"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12345678903", "41111111111111111113"})
    void rejectsPanShorterThan12OrLongerThan19Digits(String pan) {
        assertThat(errors(transaction().text("pan", pan)))
                .containsExactly(error("pan", "must be 12 to 19 digits long"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"123456789015", "4111111111111111110", "378282246310005"})
    void acceptsLuhnValidPanOf12To19Digits(String pan) {
        assertThat(errors(transaction().text("pan", pan))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111 1111 1111 1111", "4111-1111-1111-1111", "411111111111111x"})
    void rejectsPanWithCharactersOtherThanDigits(String pan) {
        assertThat(errors(transaction().text("pan", pan)))
                .containsExactly(error("pan", "must contain only digits, without spaces or dashes"));
    }

    @Test
    void rejectsPanSentAsJsonNumber() {
        assertThat(errors(transaction().raw("pan", VISA)))
                .containsExactly(error("pan", "must be a string, not a number"));
    }

    // --- amount and currency

    @Test
    void acceptsAmountAsJsonNumber() {
        assertThat(validate(transaction().raw("amount", "12.34")).value().amountMinor())
                .isEqualTo(1234);
    }

    @Test
    void acceptsTrailingZerosBeyondTheCurrencyExponent() {
        assertThat(validate(transaction().text("amount", "12.340")).value().amountMinor())
                .isEqualTo(1234);
    }

    @Test
    void convertsWholeAmountToMinorUnits() {
        assertThat(validate(transaction().text("amount", "7")).value().amountMinor())
                .isEqualTo(700);
    }

    @Test
    void usesNoMinorUnitsForJpy() {
        assertThat(validate(transaction().text("currency", "JPY").text("amount", "1500"))
                        .value()
                        .amountMinor())
                .isEqualTo(1500);
    }

    @Test
    void usesThreeDecimalsForKwd() {
        assertThat(validate(transaction().text("currency", "KWD").text("amount", "1.234"))
                        .value()
                        .amountMinor())
                .isEqualTo(1234);
    }

    @Test
    void rejectsAmountWithTooManyDecimalsForJpy() {
        assertThat(errors(transaction().text("currency", "JPY").text("amount", "100.5")))
                .containsExactly(error("amount", "has more decimal places than JPY allows (0)"));
    }

    @Test
    void rejectsAmountWithTooManyDecimalsForEur() {
        assertThat(errors(transaction().text("amount", "12.345")))
                .containsExactly(error("amount", "has more decimal places than EUR allows (2)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"1.2e3\"", "1.2e3", "1E2", "\"5E-1\""})
    void rejectsAmountInExponentForm(String amount) {
        assertThat(errors(transaction().raw("amount", amount)))
                .containsExactly(error("amount", "must be a plain decimal such as 12.34, not exponent form"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"-5\"", "-5.00", "\"-0.01\""})
    void rejectsNegativeAmount(String amount) {
        assertThat(errors(transaction().raw("amount", amount)))
                .containsExactly(error("amount", "must not be negative"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"0\"", "\"0.00\"", "0", "0.0"})
    void acceptsZeroAmountOfACardVerification(String amount) {
        Validation<TransactionRequest> result = validate(transaction().raw("amount", amount));

        assertThat(result.errors()).isEmpty();
        assertThat(result.value().amountMinor()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"12,34", "+12", " 12", "12.", ".5", "twelve", "0x10", ""})
    void rejectsAmountThatIsNotADecimal(String amount) {
        assertThat(errors(transaction().text("amount", amount)))
                .containsExactly(error("amount", "must be a decimal number such as 12.34"));
    }

    @Test
    void rejectsAmountAboveTheMaximum() {
        assertThat(errors(transaction().text("amount", "1000000000.01")))
                .containsExactly(error("amount", "must not exceed 1000000000.00 EUR"));
    }

    @Test
    void acceptsAmountAtTheMaximum() {
        assertThat(validate(transaction().text("amount", "1000000000.00"))
                        .value()
                        .amountMinor())
                .isEqualTo(MAX_MINOR);
    }

    @Test
    void rejectsAmountTooLargeForALongWithoutOverflow() {
        assertThat(errors(transaction().text("amount", "9".repeat(40))))
                .containsExactly(error("amount", "must not exceed 1000000000.00 EUR"));
    }

    @Test
    void rejectsAmountAsBoolean() {
        assertThat(errors(transaction().raw("amount", "true")))
                .containsExactly(error("amount", "must be a string or a number, not a boolean"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"eur", "EU", "ZZZ", "EURO", "€"})
    void rejectsCurrencyThatIsNotAnIso4217Code(String currency) {
        assertThat(errors(transaction().text("currency", currency)))
                .containsExactly(error("currency", "must be an ISO 4217 currency code in upper case, such as EUR"));
    }

    @Test
    void rejectsCurrencyWithoutMinorUnitLikeGold() {
        assertThat(errors(transaction().text("currency", "XAU")))
                .containsExactly(error("currency", "is not a currency cards are charged in (it has no minor unit)"));
    }

    @Test
    void checksOnlyTheFormOfTheAmountWhenTheCurrencyIsInvalid() {
        assertThat(errors(transaction().text("currency", "ZZZ").text("amount", "1e3")))
                .containsExactlyInAnyOrder(
                        error("currency", "must be an ISO 4217 currency code in upper case, such as EUR"),
                        error("amount", "must be a plain decimal such as 12.34, not exponent form"));
    }

    // --- merchant

    @ParameterizedTest
    @ValueSource(strings = {"de", "XX", "DEU", "D", "276"})
    void rejectsMerchantCountryThatIsNotIsoAlpha2(String country) {
        assertThat(errors(transaction().text("merchantCountry", country)))
                .containsExactly(error(
                        "merchantCountry", "must be an ISO 3166-1 alpha-2 country code in upper case, such as DE"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"541", "54111", "54a1", " 5411"})
    void rejectsMccThatIsNotExactlyFourDigits(String mcc) {
        assertThat(errors(transaction().text("mcc", mcc))).containsExactly(error("mcc", "must be exactly 4 digits"));
    }

    @Test
    void rejectsMccSentAsJsonNumber() {
        assertThat(errors(transaction().raw("mcc", "5411")))
                .containsExactly(error("mcc", "must be a string, not a number"));
    }

    // --- identifiers

    @ParameterizedTest
    @ValueSource(strings = {"transactionId", "bankId", "merchantId", "terminalId"})
    void rejectsBlankIdentifier(String field) {
        assertThat(errors(transaction().text(field, "  "))).containsExactly(error(field, "must not be blank"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"transactionId", "bankId", "merchantId", "terminalId"})
    void rejectsIdentifierLongerThan64Characters(String field) {
        assertThat(errors(transaction().text(field, "x".repeat(65))))
                .containsExactly(error(field, "must be at most 64 characters"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"transactionId", "bankId", "merchantId", "terminalId"})
    void rejectsACardNumberInAnyIdentifierByNameWithoutEchoingIt(String field) {
        List<FieldError> errors = errors(transaction().text(field, "id-" + VISA));

        assertThat(errors).containsExactly(error(field, "must not contain a card number"));
        assertThat(errors.toString()).doesNotContain(VISA);
    }

    @Test
    void acceptsIdentifierOf64Characters() {
        assertThat(errors(transaction().text("transactionId", "x".repeat(64)))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tx\u0000", "tx\n1", "tx\t1", "\u001b[31mred"})
    void rejectsIdentifierWithControlCharacters(String id) {
        assertThat(errors(transaction().text("transactionId", id)))
                .containsExactly(error("transactionId", "must not contain control characters"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tx 1", "tx<script>", "tx\"1", "tëx", "tx;drop"})
    void rejectsIdentifierOutsideTheAllowedAlphabet(String id) {
        assertThat(errors(transaction().text("merchantId", id)))
                .containsExactly(error("merchantId", "may contain only letters, digits and . _ - : /"));
    }

    @Test
    void acceptsIdentifierWithAllAllowedPunctuation() {
        assertThat(errors(transaction().text("transactionId", "bank-a:2026/11/22_tx.000123")))
                .isEmpty();
    }

    // --- channel and location

    @ParameterizedTest
    @ValueSource(strings = {"UNKNOWN", "card_present", "ONLINE", ""})
    void rejectsChannelOutsideTheContract(String channel) {
        assertThat(errors(transaction().text("channel", channel)))
                .containsExactly(error("channel", "must be one of CARD_NOT_PRESENT, CARD_PRESENT"));
    }

    @Test
    void acceptsCardNotPresentChannel() {
        assertThat(validate(transaction().text("channel", "CARD_NOT_PRESENT"))
                        .value()
                        .channel())
                .isEqualTo(Channel.CARD_NOT_PRESENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"90.0001", "-91", "1e3"})
    void rejectsLatitudeOutsideMinus90To90(String latitude) {
        assertThat(errors(transaction().raw("latitude", latitude)))
                .containsExactly(error("latitude", "must be between -90 and 90"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"180.5", "-181"})
    void rejectsLongitudeOutsideMinus180To180(String longitude) {
        assertThat(errors(transaction().raw("longitude", longitude)))
                .containsExactly(error("longitude", "must be between -180 and 180"));
    }

    @Test
    void acceptsCoordinatesOnTheBounds() {
        assertThat(errors(transaction().raw("latitude", "-90").raw("longitude", "180")))
                .isEmpty();
    }

    @Test
    void rejectsLatitudeWithoutLongitude() {
        assertThat(errors(transaction().without("longitude")))
                .containsExactly(error("longitude", "is required when latitude is given"));
    }

    @Test
    void rejectsLongitudeWithoutLatitude() {
        assertThat(errors(transaction().raw("latitude", "null")))
                .containsExactly(error("latitude", "is required when longitude is given"));
    }

    @Test
    void rejectsLatitudeSentAsString() {
        assertThat(errors(transaction().text("latitude", "52.52")))
                .containsExactly(error("latitude", "must be a number, not a string"));
    }

    // --- timestamp

    @Test
    void rejectsTimestampWithoutOffset() {
        assertThat(errors(transaction().text("timestamp", "2026-11-22T10:15:00")))
                .containsExactly(error(
                        "timestamp", "must state its offset from UTC, such as 2026-11-22T10:15:30+01:00 or ...Z"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"2026-11-22", "yesterday", "2026-11-22 10:15:00+01:00", "1763802900", "2026-13-01T00:00:00Z"})
    void rejectsTimestampThatIsNotIso8601(String timestamp) {
        assertThat(errors(transaction().text("timestamp", timestamp)))
                .containsExactly(error(
                        "timestamp", "must be an ISO-8601 date-time with offset, such as 2026-11-22T10:15:30+01:00"));
    }

    @Test
    void acceptsTimestampInUtcWithZ() {
        assertThat(errors(transaction().text("timestamp", "2026-11-22T09:19:59.123Z")))
                .isEmpty();
    }

    @Test
    void rejectsTimestampMoreThanFiveMinutesInTheFuture() {
        assertThat(errors(transaction().text("timestamp", "2026-11-22T10:25:01+01:00")))
                .containsExactly(error("timestamp", "is more than 5 minutes in the future"));
    }

    @Test
    void acceptsTimestampFiveMinutesInTheFuture() {
        assertThat(errors(transaction().text("timestamp", "2026-11-22T10:25:00+01:00")))
                .isEmpty();
    }

    @Test
    void rejectsTimestampMoreThanSevenDaysInThePast() {
        assertThat(errors(transaction().text("timestamp", "2026-11-15T09:19:59Z")))
                .containsExactly(error("timestamp", "is more than 7 days in the past"));
    }

    @Test
    void appliesTheConfiguredWindow() {
        TransactionValidator strict =
                new TransactionValidator(MAX_MINOR, new TimeWindow(Duration.ZERO, Duration.ofHours(1)));
        JsonText twoHoursAgo = transaction().text("timestamp", "2026-11-22T07:20:00Z");

        List<FieldError> errors;
        try {
            errors = strict.validate(new JsonReader(8).read(twoHoursAgo.bytes()), NOW)
                    .errors();
        } catch (MalformedJsonException e) {
            throw new AssertionError(e);
        }

        assertThat(errors).containsExactly(error("timestamp", "is more than 1 hour in the past"));
    }

    // --- unknown, server-owned, repeated fields

    @Test
    void rejectsUnknownFieldNamingIt() {
        assertThat(errors(transaction().text("cvv", "123"))).containsExactly(error("cvv", "is not a known field"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"cardToken", "cardBin", "cardLast4", "receivedAt", "amountMinor", "eventTime", "utcOffsetMinutes"
            })
    void rejectsServerOwnedField(String field) {
        assertThat(errors(transaction().text(field, "x")))
                .containsExactly(error(field, "is set by the server and must not be sent"));
    }

    @Test
    void doesNotRepeatAnUnknownFieldNameThatCouldBeData() {
        List<FieldError> errors = errors(transaction().raw(VISA, "1"));

        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).field()).isEqualTo("<unnamed>").doesNotContain(VISA);
        assertThat(errors.get(0).reason()).doesNotContain(VISA);
    }

    @Test
    void rejectsRepeatedField() {
        String body = transaction().render().replace("\"mcc\":\"5411\"", "\"mcc\":\"5411\",\"mcc\":\"5999\"");
        List<FieldError> errors;
        try {
            errors = validator
                    .validate(new JsonReader(8).read(body.getBytes()), NOW)
                    .errors();
        } catch (MalformedJsonException e) {
            throw new AssertionError(e);
        }

        assertThat(errors).containsExactly(error("mcc", "appears more than once"));
    }

    @Test
    void rejectsBodyThatIsNotAnObject() {
        try {
            assertThat(validator
                            .validate(new JsonReader(8).read("[1,2]".getBytes()), NOW)
                            .errors())
                    .containsExactly(error("body", "must be a JSON object, not an array"));
        } catch (MalformedJsonException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void neverRepeatsSubmittedValuesInReasons() {
        String secret = "4111111111111112";
        List<FieldError> errors = errors(transaction()
                .text("pan", secret)
                .text("transactionId", "secret value")
                .text("amount", "1.2e99")
                .text("timestamp", "secret-time"));

        assertThat(errors).hasSize(4);
        assertThat(errors).allSatisfy(e -> {
            assertThat(e.reason()).doesNotContain(secret).doesNotContain("secret");
            assertThat(e.field()).doesNotContain(secret);
        });
    }

    @Test
    void hidesTheCardNumberInTheRequestsToString() {
        assertThat(validate(transaction()).value().toString())
                .doesNotContain(VISA)
                .contains("CardNumber[hidden]");
    }
}
