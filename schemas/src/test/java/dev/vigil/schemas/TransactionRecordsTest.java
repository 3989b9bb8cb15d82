package dev.vigil.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.card.CardToken;
import dev.vigil.events.Channel;
import dev.vigil.events.Transaction;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class TransactionRecordsTest {

    private static final CardToken CARD = new CardToken("tok-card-a", "411111", "1111", "US");
    /** A quarter past ten in Berlin's winter time: 09:15 UTC. */
    private static final OffsetDateTime IN_BERLIN = OffsetDateTime.parse("2026-11-22T10:15:00+01:00");

    private static final Instant RECEIVED_AT = Instant.parse("2026-11-22T09:20:00Z");

    @Test
    void keepsOnlyWhatIsKeptOfTheCardAndSplitsTheEventTimeIntoInstantAndOffset() {
        Transaction record = payment(TransactionRecords.builder(CARD, IN_BERLIN, RECEIVED_AT));

        assertThat(record.getCardToken()).isEqualTo("tok-card-a");
        assertThat(record.getCardBin()).isEqualTo("411111");
        assertThat(record.getCardLast4()).isEqualTo("1111");
        assertThat(record.getCardCountry()).isEqualTo("US");
        assertThat(record.getEventTime()).isEqualTo(Instant.parse("2026-11-22T09:15:00Z"));
        assertThat(record.getUtcOffsetMinutes()).isEqualTo(60);
        assertThat(record.getReceivedAt()).isEqualTo(RECEIVED_AT);
    }

    @Test
    void aCardTheBinTableDoesNotKnowHasNoCountry() {
        CardToken unknownIssuer = new CardToken("tok-card-b", "999999", "0000", null);

        Transaction record = payment(TransactionRecords.builder(unknownIssuer, IN_BERLIN, RECEIVED_AT));

        assertThat(record.getCardCountry()).isNull();
    }

    @Test
    void aSenderWestOfGreenwichHasANegativeOffset() {
        OffsetDateTime inNewYork = OffsetDateTime.parse("2026-11-22T04:15:00-05:00");

        Transaction record = payment(TransactionRecords.builder(CARD, inNewYork, RECEIVED_AT));

        assertThat(record.getEventTime()).isEqualTo(IN_BERLIN.toInstant());
        assertThat(record.getUtcOffsetMinutes()).isEqualTo(-300);
    }

    /** What the sender says of the payment itself, which the builder leaves to its caller. */
    private static Transaction payment(Transaction.Builder builder) {
        return builder.setTransactionId("tx-1")
                .setBankId("bank-a")
                .setAmountMinor(1_234)
                .setCurrency("EUR")
                .setMerchantId("m-042")
                .setMcc("5411")
                .setMerchantCountry("DE")
                .setChannel(Channel.CARD_PRESENT)
                .build();
    }
}
