package dev.vigil.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.Channel;
import dev.vigil.events.Transaction;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TransactionContentTest {

    static final Transaction GROCERY = Transaction.newBuilder()
            .setTransactionId("tx-1")
            .setBankId("bank-a")
            .setCardToken("tok-1")
            .setCardBin("455673")
            .setCardLast4("0042")
            .setAmountMinor(1234)
            .setCurrency("EUR")
            .setMerchantId("m-grocer")
            .setMcc("5411")
            .setMerchantCountry("DE")
            .setChannel(Channel.CARD_PRESENT)
            .setLatitude(52.52)
            .setLongitude(13.40)
            .setEventTime(Instant.parse("2026-11-01T10:15:30.123Z"))
            .setUtcOffsetMinutes(60)
            .setReceivedAt(Instant.parse("2026-11-01T10:15:31Z"))
            .build();

    @Test
    void theHashIsTheOneStoredBeforeSoDedupEntriesAndIngestRecordsStillMatch() {
        // computed by the first implementation (a builder copy of the record): the scorer's dedup store and
        // ingest's database hold hashes like it, so the definition must not move
        assertThat(TransactionContent.hash(GROCERY))
                .isEqualTo("88d13a19b549513aabe4262d19006d5faf7832a4b747bf8991ebbc91d6538649");
    }

    @Test
    void whenIngestTookItDoesNotCountAndTheRecordIsLeftAsItWas() {
        Transaction later = Transaction.newBuilder(GROCERY)
                .setReceivedAt(Instant.parse("2026-11-02T00:00:00Z"))
                .build();

        assertThat(TransactionContent.hash(later)).isEqualTo(TransactionContent.hash(GROCERY));
        assertThat(later.getReceivedAt()).isEqualTo(Instant.parse("2026-11-02T00:00:00Z"));
    }

    @Test
    void anyOtherFieldChangesTheHash() {
        Transaction other = Transaction.newBuilder(GROCERY).setAmountMinor(1235).build();

        assertThat(TransactionContent.hash(other)).isNotEqualTo(TransactionContent.hash(GROCERY));
    }
}
