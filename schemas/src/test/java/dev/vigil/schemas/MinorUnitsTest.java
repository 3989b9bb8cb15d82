package dev.vigil.alerts.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AmountsTest {

    @Test
    void writesEurosWithTwoDecimals() {
        assertThat(Amounts.decimal(1234, "EUR")).isEqualTo("12.34");
        assertThat(Amounts.decimal(5, "EUR")).isEqualTo("0.05");
    }

    @Test
    void writesYenWithoutDecimals() {
        assertThat(Amounts.decimal(1234, "JPY")).isEqualTo("1234");
    }

    @Test
    void writesDinarsWithThreeDecimals() {
        assertThat(Amounts.decimal(1234, "KWD")).isEqualTo("1.234");
    }

    @Test
    void givesNoAmountForAnUnknownCurrency() {
        assertThat(Amounts.decimal(1234, "ZZZ")).isNull();
    }
}
