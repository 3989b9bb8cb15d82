package dev.vigil.scorer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AlertRatesTest {

    static final String BANK = "bank-a";

    @Test
    void theRateIsTheShareOfAlertsAmongTheLatestTransactionsOnly() {
        AlertRates rates = new AlertRates(4);
        rates.record(BANK, "lr-1", true);
        rates.record(BANK, "lr-1", true);
        rates.record(BANK, "lr-1", false);
        AlertRates.Rate full = rates.record(BANK, "lr-1", false);
        assertThat(full.full()).isTrue();
        assertThat(full.share()).isEqualTo(0.5);

        // the two alerts slide out of the window of four
        rates.record(BANK, "lr-1", false);
        AlertRates.Rate later = rates.record(BANK, "lr-1", false);

        assertThat(later.share()).isZero();
        assertThat(later.scored()).isEqualTo(4);
        assertThat(rates.rate(BANK)).isZero();
    }

    @Test
    void aWindowIsNotFullBeforeItsSize() {
        AlertRates rates = new AlertRates(3);
        rates.record(BANK, "lr-1", true);

        AlertRates.Rate rate = rates.record(BANK, "lr-1", true);

        assertThat(rate.full()).isFalse();
        assertThat(rate.share()).isEqualTo(1.0);
    }

    @Test
    void anotherVersionStartsTheWindowAfresh() {
        AlertRates rates = new AlertRates(3);
        rates.record(BANK, "lr-1", true);
        rates.record(BANK, "lr-1", true);

        AlertRates.Rate rate = rates.record(BANK, "lr-2", false);

        assertThat(rate.version()).isEqualTo("lr-2");
        assertThat(rate.scored()).isEqualTo(1);
        assertThat(rate.alerts()).isZero();
    }

    @Test
    void scopesAreCountedApart() {
        AlertRates rates = new AlertRates(2);
        rates.record(BANK, "lr-1", true);
        rates.record("bank-b", "lr-1", false);

        assertThat(rates.rate(BANK)).isEqualTo(1.0);
        assertThat(rates.rate("bank-b")).isZero();
        assertThat(rates.rate("bank-c")).as("never scored").isZero();
    }
}
