package dev.vigil.ingest.testing;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Request bodies the tests send (a transaction, a label), the test cards in them and the clock they are timed by. */
public final class SampleRequests {

    /** The server's clock in unit tests. */
    public static final Instant NOW = Instant.parse("2026-11-22T09:20:00Z");
    /** Five minutes before {@link #NOW}, written in Berlin's winter offset. */
    public static final String FIVE_MINUTES_AGO_IN_BERLIN = "2026-11-22T10:15:00+01:00";
    /** A Visa test card number: 16 digits, Luhn-valid. */
    public static final String VISA = "4111111111111111";

    public static final String MASTERCARD = "5555555555554444";

    private SampleRequests() {}

    /** The example of docs/architecture.md, timed five minutes before {@link #NOW}. */
    public static JsonText transaction() {
        return transaction("tx-000123", FIVE_MINUTES_AGO_IN_BERLIN);
    }

    public static JsonText transaction(String transactionId, String timestamp) {
        return JsonText.object()
                .text("transactionId", transactionId)
                .text("bankId", "bank-a")
                .text("pan", VISA)
                .text("amount", "12.34")
                .text("currency", "EUR")
                .text("merchantId", "m-042")
                .text("mcc", "5411")
                .text("merchantCountry", "DE")
                .text("terminalId", "t-9")
                .text("channel", "CARD_PRESENT")
                .raw("latitude", "52.52")
                .raw("longitude", "13.40")
                .text("timestamp", timestamp);
    }

    /**
     * A transaction with an id no other test uses, stamped a minute before the real clock in UTC+1:
     * for tests against the running service.
     */
    public static JsonText transactionAMinuteAgo() {
        String aMinuteAgo = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.ofHours(1)));
        return transaction("tx-" + UUID.randomUUID(), aMinuteAgo);
    }

    public static JsonText label() {
        return JsonText.object()
                .text("transactionId", "tx-000123")
                .text("bankId", "bank-a")
                .text("pan", VISA)
                .text("label", "FRAUD")
                .text("source", "CHARGEBACK");
    }

    /** {@code instant} as the ISO-8601 text with offset a sender would write. */
    public static String iso(Instant instant) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
    }
}
