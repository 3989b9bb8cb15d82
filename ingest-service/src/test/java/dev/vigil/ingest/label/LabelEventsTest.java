package dev.vigil.ingest.label;

import static dev.vigil.ingest.testing.SampleRequests.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.Label;
import dev.vigil.events.LabelSource;
import dev.vigil.events.TransactionLabel;
import dev.vigil.ingest.card.CardNumber;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LabelEventsTest {

    static final CardNumber VISA = CardNumber.parse("4111111111111111").value();

    private static LabelRequest chargeback(String transactionId, Instant labelledAt) {
        return new LabelRequest(
                transactionId, "bank-a", VISA, Label.FRAUD, LabelSource.CHARGEBACK, labelledAt, null, null);
    }

    @Test
    void retriedLabelKeepsItsId() {
        assertThat(LabelEvents.labelId(chargeback("tx-1", null)))
                .isEqualTo(LabelEvents.labelId(chargeback("tx-1", NOW.minusSeconds(60))));
    }

    @Test
    void labelIdDiffersByTransactionBankLabelAndSource() {
        String id = LabelEvents.labelId(chargeback("tx-1", null));

        assertThat(LabelEvents.labelId(chargeback("tx-2", null))).isNotEqualTo(id);
        assertThat(LabelEvents.labelId(new LabelRequest(
                        "tx-1", "bank-b", VISA, Label.FRAUD, LabelSource.CHARGEBACK, null, null, null)))
                .isNotEqualTo(id);
        assertThat(LabelEvents.labelId(new LabelRequest(
                        "tx-1", "bank-a", VISA, Label.GENUINE, LabelSource.CHARGEBACK, null, null, null)))
                .isNotEqualTo(id);
        assertThat(LabelEvents.labelId(new LabelRequest(
                        "tx-1", "bank-a", VISA, Label.FRAUD, LabelSource.CARDHOLDER, null, null, null)))
                .isNotEqualTo(id);
    }

    @Test
    void labelledAtDefaultsToNow() {
        TransactionLabel event = LabelEvents.toEvent(chargeback("tx-1", null), "token", NOW);

        assertThat(event.getLabelledAt()).isEqualTo(NOW);
        assertThat(event.getCardToken()).isEqualTo("token");
        assertThat(event.getTransactionTime()).isNull();
    }

    @Test
    void keepsTheStatedLabelledAt() {
        Instant yesterday = NOW.minusSeconds(86_400);

        assertThat(LabelEvents.toEvent(chargeback("tx-1", yesterday), "token", NOW)
                        .getLabelledAt())
                .isEqualTo(yesterday);
    }
}
