package dev.vigil.stack;

import dev.vigil.events.Channel;
import dev.vigil.events.Transaction;
import java.time.Instant;

/** A transaction record the tests send, with named values instead of magic numbers. */
final class SampleTransactions {

    static final Instant MIDNIGHT = Instant.parse("2026-11-22T00:00:00Z");
    static final String CARD_TOKEN = "tok-card-a";

    private SampleTransactions() {}

    static Transaction transaction(String transactionId, long amountMinor) {
        return Transaction.newBuilder()
                .setTransactionId(transactionId)
                .setBankId("bank-a")
                .setCardToken(CARD_TOKEN)
                .setCardBin("411111")
                .setCardLast4("1111")
                .setAmountMinor(amountMinor)
                .setCurrency("EUR")
                .setMerchantId("m-042")
                .setMcc("5411")
                .setMerchantCountry("DE")
                .setTerminalId(null)
                .setChannel(Channel.CARD_PRESENT)
                .setLatitude(null)
                .setLongitude(null)
                .setEventTime(MIDNIGHT)
                .setUtcOffsetMinutes(60)
                .setReceivedAt(MIDNIGHT.plusSeconds(1))
                .build();
    }
}
