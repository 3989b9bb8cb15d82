package dev.vigil.loadgen.kafka;

import dev.vigil.card.CardToken;
import dev.vigil.events.Channel;
import dev.vigil.events.Label;
import dev.vigil.events.LabelSource;
import dev.vigil.events.Transaction;
import dev.vigil.events.TransactionLabel;
import dev.vigil.loadgen.scenario.SimTransaction;
import dev.vigil.schemas.LabelIds;
import dev.vigil.schemas.LabelRecords;
import dev.vigil.schemas.MinorUnits;
import dev.vigil.schemas.TransactionRecords;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * A simulated transaction and its label as the records ingest-service produces for the same
 * request: the record built where ingest builds it ({@link TransactionRecords}, the card number
 * replaced by what is kept of it, {@link CardToken}), the amount in minor units of the currency,
 * times as the HTTP path sends them (UTC, so a UTC offset of 0), no terminal id (the simulator
 * sends none), ingest's label id ({@link LabelIds}).
 */
final class KafkaRecords {

    private KafkaRecords() {}

    static Transaction transaction(SimTransaction t, CardToken card, Instant receivedAt) {
        return TransactionRecords.builder(card, t.eventTime().atOffset(ZoneOffset.UTC), receivedAt)
                .setTransactionId(t.transactionId())
                .setBankId(t.bankId())
                .setAmountMinor(MinorUnits.of(t.amount(), t.currency()))
                .setCurrency(t.currency())
                .setMerchantId(t.merchantId())
                .setMcc(t.mcc())
                .setMerchantCountry(t.merchantCountry())
                .setTerminalId(null)
                .setChannel(t.cardPresent() ? Channel.CARD_PRESENT : Channel.CARD_NOT_PRESENT)
                .setLatitude(t.latitude())
                .setLongitude(t.longitude())
                .build();
    }

    /** A chargeback ({@code FRAUD}) or a cardholder's confirmation ({@code GENUINE}), known at {@code labelledAt}. */
    static TransactionLabel label(SimTransaction t, String cardToken, boolean fraud, Instant labelledAt) {
        Label label = fraud ? Label.FRAUD : Label.GENUINE;
        LabelSource source = fraud ? LabelSource.CHARGEBACK : LabelSource.CARDHOLDER;
        return LabelRecords.of(
                t.bankId(), t.transactionId(), cardToken, label, source, labelledAt, t.eventTime(), null);
    }
}
