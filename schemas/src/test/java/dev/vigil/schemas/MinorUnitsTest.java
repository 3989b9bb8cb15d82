package dev.vigil.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MinorUnitsTest {

    @Test
    void writesEurosWithTwoDecimals() {
        assertThat(MinorUnits.decimal(1234, "EUR")).isEqualTo("12.34");
        assertThat(MinorUnits.decimal(5, "EUR")).isEqualTo("0.05");
    }

    @Test
    void writesYenWithoutDecimals() {
        assertThat(MinorUnits.decimal(1234, "JPY")).isEqualTo("1234");
    }

    @Test
    void writesDinarsWithThreeDecimals() {
        assertThat(MinorUnits.decimal(1234, "KWD")).isEqualTo("1.234");
    }

    @Test
    void givesNoAmountForAnUnknownCurrency() {
        assertThat(MinorUnits.decimal(1234, "ZZZ")).isNull();
    }

    @Test
    void readsDecimalsInMinorUnitsOfTheirCurrency() {
        assertThat(MinorUnits.of("12.34", "EUR")).isEqualTo(1234);
        assertThat(MinorUnits.of("12.00", "JPY")).isEqualTo(12);
        assertThat(MinorUnits.of("1.50", "BHD")).isEqualTo(1500);
        assertThat(MinorUnits.of("100.00", "EUR")).isEqualTo(10_000);
    }

    @Test
    void refusesAnAmountWithMoreDecimalsThanItsCurrencyAsIngestDoes() {
        assertThatThrownBy(() -> MinorUnits.of("12.34", "JPY"))
                .hasMessage("an amount has more decimal places than JPY allows (0)");
    }
}
