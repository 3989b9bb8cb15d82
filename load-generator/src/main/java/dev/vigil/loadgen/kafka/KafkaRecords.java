package dev.vigil.loadgen.kafka;

import dev.vigil.events.Channel;
import dev.vigil.events.Label;
import dev.vigil.events.LabelSource;
import dev.vigil.events.Transaction;
import dev.vigil.events.TransactionLabel;
import dev.vigil.loadgen.scenario.SimTransaction;
import dev.vigil.card.BinCountries;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Currency;
import java.util.UUID;

/**
 * A simulated transaction and its label as the records ingest-service produces for the same
 * request (its {@code TransactionEvents} and {@code LabelEvents}): card number replaced by its
 * token, BIN and last four, the issuing country from ingest's default BIN table, the amount in
 * minor units of the currency, times as the HTTP path sends them (UTC, so a UTC offset of 0), no
 * terminal id (the simulator sends none).
 */
final class KafkaRecords {

    private static final BinCountries BIN_TABLE = BinCountries.defaults();

    private KafkaRecords() {
    }

    static Transaction transaction(SimTransaction t, String cardToken, Instant receivedAt) {
        return Transaction.newBuilder()
                .setTransactionId(t.transactionId())
                .setBankId(t.bankId())
                .setCardToken(cardToken)
                .setCardBin(t.pan().substring(0, 6))
                .setCardLast4(t.pan().substring(t.pan().length() - 4))
                .setAmountMinor(amountMinor(t.amount(), t.currency()))
                .setCurrency(t.currency())
                .setMerchantId(t.merchantId())
                .setMcc(t.mcc())
                .setMerchantCountry(t.merchantCountry())
                .setTerminalId(null)
                .setChannel(t.cardPresent() ? Channel.CARD_PRESENT : Channel.CARD_NOT_PRESENT)
                .setLatitude(t.latitude())
                .setLongitude(t.longitude())
                .setEventTime(t.eventTime())
                .setUtcOffsetMinutes(0)
                .setReceivedAt(receivedAt)
                .setCardCountry(BIN_TABLE.countryOf(t.pan()).orElse(null))
                .build();
    }

    /** A chargeback ({@code FRAUD}) or a cardholder's confirmation ({@code GENUINE}), known at {@code labelledAt}. */
    static TransactionLabel label(SimTransaction t, String cardToken, boolean fraud, Instant labelledAt) {
        Label label = fraud ? Label.FRAUD : Label.GENUINE;
        LabelSource source = fraud ? LabelSource.CHARGEBACK : LabelSource.CARDHOLDER;
        return TransactionLabel.newBuilder()
                .setLabelId(labelId(t.bankId(), t.transactionId(), label, source))
                .setBankId(t.bankId())
                .setTransactionId(t.transactionId())
                .setCardToken(cardToken)
                .setLabel(label)
                .setSource(source)
                .setLabelledAt(labelledAt)
                .setTransactionTime(t.eventTime())
                .setNote(null)
                .build();
    }

    /**
     * Ingest's label id: a name-based UUID of bank, transaction, label and source joined by line
     * breaks, so a label sent twice keeps its id whichever way it went.
     */
    static String labelId(String bankId, String transactionId, Label label, LabelSource source) {
        String name = String.join("\n", bankId, transactionId, label.name(), source.name());
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * A decimal amount in major units as minor units of its ISO 4217 currency (cents of EUR, yen
     * of JPY); refused, as ingest refuses it, when it has more decimals than the currency.
     */
    static long amountMinor(String amount, String currencyCode) {
        int exponent = Currency.getInstance(currencyCode).getDefaultFractionDigits();
        if (exponent < 0) {
            throw new IllegalArgumentException(currencyCode + " has no minor unit");
        }
        BigDecimal major = new BigDecimal(amount).stripTrailingZeros();
        if (major.scale() > exponent) {
            throw new IllegalArgumentException("an amount has more decimal places than " + currencyCode + " allows ("
                    + exponent + ")");
        }
        return major.movePointRight(exponent).longValueExact();
    }
}
