package dev.vigil.loadgen.kafka;

import dev.vigil.events.Channel;
import dev.vigil.events.Label;
import dev.vigil.events.LabelSource;
import dev.vigil.events.Transaction;
import dev.vigil.events.TransactionLabel;
import dev.vigil.loadgen.scenario.SimTransaction;
import dev.vigil.card.CardToken;
import dev.vigil.schemas.LabelIds;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;

/**
 * A simulated transaction and its label as the records ingest-service produces for the same
 * request (its {@code TransactionEvents} and {@code LabelEvents}): card number replaced by what is
 * kept of it ({@link CardToken}, as ingest keeps it), the amount in minor units of the currency,
 * times as the HTTP path sends them (UTC, so a UTC offset of 0), no terminal id (the simulator
 * sends none), ingest's label id ({@link LabelIds}).
 */
final class KafkaRecords {

    private KafkaRecords() {
    }

    static Transaction transaction(SimTransaction t, CardToken card, Instant receivedAt) {
        return Transaction.newBuilder()
                .setTransactionId(t.transactionId())
                .setBankId(t.bankId())
                .setCardToken(card.token())
                .setCardBin(card.bin())
                .setCardLast4(card.last4())
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
                .setCardCountry(card.country())
                .build();
    }

    /** A chargeback ({@code FRAUD}) or a cardholder's confirmation ({@code GENUINE}), known at {@code labelledAt}. */
    static TransactionLabel label(SimTransaction t, String cardToken, boolean fraud, Instant labelledAt) {
        Label label = fraud ? Label.FRAUD : Label.GENUINE;
        LabelSource source = fraud ? LabelSource.CHARGEBACK : LabelSource.CARDHOLDER;
        return TransactionLabel.newBuilder()
                .setLabelId(LabelIds.of(t.bankId(), t.transactionId(), label, source))
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
