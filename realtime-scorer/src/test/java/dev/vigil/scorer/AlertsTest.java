package dev.vigil.scorer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AlertsTest {

    @Test
    void theAlertIdIsTheSameEachTimeTheTransactionIsScored() {
        assertThat(Alerts.alertId("bank-a", "tx-1"))
                .isEqualTo(Alerts.alertId("bank-a", "tx-1"))
                .isEqualTo(java.util
                        .UUID
                        .nameUUIDFromBytes("vigil-alert:6:bank-a:tx-1".getBytes())
                        .toString());
    }

    @Test
    void theAlertIdTellsBanksAndTransactionsApartEvenWhenTheirJoinedTextIsEqual() {
        assertThat(Alerts.alertId("bank:a", "tx")).isNotEqualTo(Alerts.alertId("bank", "a:tx"));
        assertThat(Alerts.alertId("bank-a", "tx-1")).isNotEqualTo(Alerts.alertId("bank-b", "tx-1"));
    }

    @Test
    void theDedupKeyTellsCardsAndTransactionsApart() {
        assertThat(CardScorer.dedupKey("ab", "c")).isNotEqualTo(CardScorer.dedupKey("a", "bc"));
    }
}
