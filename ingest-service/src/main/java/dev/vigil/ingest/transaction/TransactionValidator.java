package dev.vigil.ingest.transaction;

import static dev.vigil.ingest.validation.ObjectFields.Presence.OPTIONAL;
import static dev.vigil.ingest.validation.ObjectFields.Presence.REQUIRED;

import dev.vigil.events.Channel;
import dev.vigil.ingest.card.CardNumber;
import dev.vigil.ingest.json.JsonValue;
import dev.vigil.ingest.validation.Checks;
import dev.vigil.ingest.validation.FieldErrors;
import dev.vigil.ingest.validation.ObjectFields;
import dev.vigil.ingest.validation.TimeWindow;
import dev.vigil.ingest.validation.Validation;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Currency;
import java.util.EnumSet;
import java.util.Set;

/**
 * Validates one submitted transaction (see docs/architecture.md): a pure function of the parsed
 * body and the current time, reporting every problem at once.
 */
final class TransactionValidator {

    static final int ID_MAX_LENGTH = 64;
    static final Set<String> FIELDS = Set.of(
            "transactionId",
            "bankId",
            "pan",
            "amount",
            "currency",
            "merchantId",
            "mcc",
            "merchantCountry",
            "terminalId",
            "channel",
            "latitude",
            "longitude",
            "timestamp");
    /** What the service derives itself; a sender setting them is confused or probing. */
    static final Set<String> SERVER_OWNED =
            Set.of("cardToken", "cardBin", "cardLast4", "amountMinor", "eventTime", "utcOffsetMinutes", "receivedAt");

    private static final Set<Channel> CHANNELS = EnumSet.of(Channel.CARD_PRESENT, Channel.CARD_NOT_PRESENT);

    private final long maxAmountMinor;
    private final TimeWindow window;

    TransactionValidator(long maxAmountMinor, TimeWindow window) {
        if (maxAmountMinor < 1) {
            throw new IllegalArgumentException("maxAmountMinor must be positive: " + maxAmountMinor);
        }
        this.maxAmountMinor = maxAmountMinor;
        this.window = window;
    }

    Validation<TransactionRequest> validate(JsonValue body, Instant now) {
        FieldErrors errors = new FieldErrors();
        TransactionRequest request = read(body, "", now, errors);
        return errors.toValidation(() -> request);
    }

    /**
     * Reads the transaction at {@code path} into {@code errors}; the request when it added no
     * error, else {@code null}.
     */
    TransactionRequest read(JsonValue json, String path, Instant now, FieldErrors errors) {
        int errorsBefore = errors.count();
        ObjectFields in = ObjectFields.open(json, path, FIELDS, SERVER_OWNED, errors);
        if (in == null) {
            return null;
        }
        String transactionId =
                in.accept("transactionId", Checks.identifier(in.text("transactionId", REQUIRED), ID_MAX_LENGTH));
        String bankId = in.accept("bankId", Checks.identifier(in.text("bankId", REQUIRED), ID_MAX_LENGTH));
        CardNumber card = in.accept("pan", CardNumber.parse(in.text("pan", REQUIRED)));
        Currency currency = in.accept("currency", Amounts.currency(in.text("currency", REQUIRED)));
        Long amountMinor = amount(in, currency);
        String merchantId = in.accept("merchantId", Checks.identifier(in.text("merchantId", REQUIRED), ID_MAX_LENGTH));
        String mcc = in.accept("mcc", Checks.mcc(in.text("mcc", REQUIRED)));
        String country = in.accept("merchantCountry", Checks.country(in.text("merchantCountry", REQUIRED)));
        String terminalId = in.accept("terminalId", Checks.identifier(in.text("terminalId", OPTIONAL), ID_MAX_LENGTH));
        Channel channel = in.accept("channel", Checks.oneOf(in.text("channel", REQUIRED), CHANNELS));
        Double latitude = in.accept("latitude", Checks.within(in.number("latitude", OPTIONAL), 90));
        Double longitude = in.accept("longitude", Checks.within(in.number("longitude", OPTIONAL), 180));
        bothOrNeither(in, "latitude", "longitude");
        OffsetDateTime timestamp = in.accept("timestamp", Checks.dateTimeWithOffset(in.text("timestamp", REQUIRED)));
        if (timestamp != null) {
            in.accept("timestamp", window.check(timestamp.toInstant(), now));
        }
        if (errors.count() > errorsBefore) {
            return null;
        }
        return new TransactionRequest(
                transactionId,
                bankId,
                card,
                amountMinor,
                currency.getCurrencyCode(),
                merchantId,
                mcc,
                country,
                terminalId,
                channel,
                latitude,
                longitude,
                timestamp);
    }

    /** The amount needs its currency for the decimals; without one, only its form is checked. */
    private Long amount(ObjectFields in, Currency currency) {
        String literal = in.textOrNumber("amount", REQUIRED);
        if (literal == null) {
            return null;
        }
        if (currency == null) {
            String problem = Amounts.formatProblem(literal);
            if (problem != null) {
                in.reject("amount", problem);
            }
            return null;
        }
        return in.accept("amount", Amounts.minorUnits(literal, currency, maxAmountMinor));
    }

    private static void bothOrNeither(ObjectFields in, String first, String second) {
        if (in.present(first) && !in.present(second)) {
            in.reject(second, "is required when " + first + " is given");
        } else if (in.present(second) && !in.present(first)) {
            in.reject(first, "is required when " + second + " is given");
        }
    }
}
