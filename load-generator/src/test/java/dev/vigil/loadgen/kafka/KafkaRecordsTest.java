package dev.vigil.loadgen.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.card.CardToken;
import dev.vigil.events.Channel;
import dev.vigil.events.Label;
import dev.vigil.events.LabelSource;
import dev.vigil.events.Transaction;
import dev.vigil.events.TransactionLabel;
import dev.vigil.loadgen.scenario.Scenario;
import dev.vigil.loadgen.scenario.SimTransaction;
import dev.vigil.schemas.LabelIds;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KafkaRecordsTest {

    static final String PAN = "4000056655665556";
    static final String TOKEN = "dbWDdOGuK7C_y04-GLjPOdUVKJx1-1sByCvZJMlezHg";
    static final Instant BOUGHT_AT = Instant.parse("2026-11-23T09:15:30.250Z");
    static final Instant RECEIVED_AT = Instant.parse("2026-11-23T09:15:30.400Z");
    static final Instant CHARGEBACK_AT = Instant.parse("2026-11-23T09:20:00Z");

    static final CardToken CARD = new CardToken(TOKEN, "400005", "5556", null);

    static final SimTransaction COFFEE_IN_LYON = new SimTransaction(
            "tx-run-1", "bank-a", PAN, 1250, "EUR", "m-lyon-cafe-1", "5814", "FR", true, 45.76, 4.83, BOUGHT_AT, null);
    static final SimTransaction CARD_TEST_ONLINE = new SimTransaction(
            "tx-run-2",
            "bank-b",
            PAN,
            50,
            "EUR",
            "m-web-shop-9",
            "5999",
            "GB",
            false,
            null,
            null,
            BOUGHT_AT,
            Scenario.CARD_TESTING);

    @Test
    void aCardPresentPurchaseBecomesTheRecordIngestWrites() {
        Transaction record = KafkaRecords.transaction(COFFEE_IN_LYON, CARD, RECEIVED_AT);

        assertThat(record)
                .isEqualTo(Transaction.newBuilder()
                        .setTransactionId("tx-run-1")
                        .setBankId("bank-a")
                        .setCardToken(TOKEN)
                        .setCardBin("400005")
                        .setCardLast4("5556")
                        .setAmountMinor(1250)
                        .setCurrency("EUR")
                        .setMerchantId("m-lyon-cafe-1")
                        .setMcc("5814")
                        .setMerchantCountry("FR")
                        .setTerminalId(null)
                        .setChannel(Channel.CARD_PRESENT)
                        .setLatitude(45.76)
                        .setLongitude(4.83)
                        .setEventTime(BOUGHT_AT)
                        .setUtcOffsetMinutes(0)
                        .setReceivedAt(RECEIVED_AT)
                        .build());
    }

    @Test
    void anOnlinePurchaseHasNoCoordinates() {
        Transaction record = KafkaRecords.transaction(CARD_TEST_ONLINE, CARD, RECEIVED_AT);

        assertThat(record.getChannel()).isEqualTo(Channel.CARD_NOT_PRESENT);
        assertThat(record.getLatitude()).isNull();
        assertThat(record.getLongitude()).isNull();
        assertThat(record.getAmountMinor()).isEqualTo(50);
    }

    @Test
    void noEncodedRecordContainsTheCardNumber() throws Exception {
        byte[] transaction = KafkaRecords.transaction(COFFEE_IN_LYON, CARD, RECEIVED_AT)
                .toByteBuffer()
                .array();
        byte[] label = KafkaRecords.label(COFFEE_IN_LYON, TOKEN, true, CHARGEBACK_AT)
                .toByteBuffer()
                .array();

        assertThat(new String(transaction, StandardCharsets.ISO_8859_1))
                .contains(TOKEN)
                .doesNotContain(PAN);
        assertThat(new String(label, StandardCharsets.ISO_8859_1))
                .contains(TOKEN)
                .doesNotContain(PAN);
    }

    @Test
    void aChargebackIsAFraudLabelFromTheChargebackWithIngestsLabelId() {
        TransactionLabel label = KafkaRecords.label(CARD_TEST_ONLINE, TOKEN, true, CHARGEBACK_AT);

        assertThat(label)
                .isEqualTo(TransactionLabel.newBuilder()
                        .setLabelId(UUID.nameUUIDFromBytes(
                                        "bank-b\ntx-run-2\nFRAUD\nCHARGEBACK".getBytes(StandardCharsets.UTF_8))
                                .toString())
                        .setBankId("bank-b")
                        .setTransactionId("tx-run-2")
                        .setCardToken(TOKEN)
                        .setLabel(Label.FRAUD)
                        .setSource(LabelSource.CHARGEBACK)
                        .setLabelledAt(CHARGEBACK_AT)
                        .setTransactionTime(BOUGHT_AT)
                        .setNote(null)
                        .build());
    }

    @Test
    void aCardholdersConfirmationIsAGenuineLabelWithItsOwnId() {
        TransactionLabel genuine = KafkaRecords.label(COFFEE_IN_LYON, TOKEN, false, CHARGEBACK_AT);

        assertThat(genuine.getLabel()).isEqualTo(Label.GENUINE);
        assertThat(genuine.getSource()).isEqualTo(LabelSource.CARDHOLDER);
        assertThat(genuine.getLabelId())
                .isEqualTo(LabelIds.of("bank-a", "tx-run-1", Label.GENUINE, LabelSource.CARDHOLDER))
                .isNotEqualTo(LabelIds.of("bank-a", "tx-run-1", Label.FRAUD, LabelSource.CHARGEBACK));
    }
}
