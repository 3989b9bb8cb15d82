package dev.vigil.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BinCountriesTest {

    @Test
    void theLongestListedPrefixDecides() {
        BinCountries table = BinCountries.parse(List.of("# comment", "", "45,GB", "455649,DE", "45564901,AT"), "t");

        assertThat(table.countryOf("4556490100000000")).contains("AT");
        assertThat(table.countryOf("4556491111111111")).contains("DE");
        assertThat(table.countryOf("4599999999999999")).contains("GB");
        assertThat(table.countryOf("5100000000000000")).isEmpty();
        assertThat(table.countryOf("455649")).as("a bare BIN").contains("DE");
    }

    @Test
    void theDemoTableGivesEveryDemoBankACardInEveryHomeCountry() {
        BinCountries table = BinCountries.defaults();

        assertThat(table.size()).isEqualTo(36);
        assertThat(table.prefixes("4556", "DE")).containsExactly("455649");
        assertThat(table.countryOf("4000330000000002")).contains("FR");
        assertThat(table.countryOf("4111111111111111"))
                .as("the classic test number is not a demo BIN")
                .isEmpty();
    }

    @Test
    void aBadLineIsRefusedWithItsNumberAndReason() {
        assertThatThrownBy(() -> BinCountries.parse(List.of("455649,DE", "45x,FR"), "bins.csv"))
                .hasMessage("bins.csv line 2: the prefix must be 1 to 8 digits");
        assertThatThrownBy(() -> BinCountries.parse(List.of("455649,XX"), "bins.csv"))
                .hasMessage("bins.csv line 1: 'XX' is not an ISO 3166-1 alpha-2 country code");
        assertThatThrownBy(() -> BinCountries.parse(List.of("455649,DE", "455649,FR"), "bins.csv"))
                .hasMessage("bins.csv line 2: prefix 455649 is listed twice");
        assertThatThrownBy(() -> BinCountries.parse(List.of("455649"), "bins.csv"))
                .hasMessage("bins.csv line 1: expected 'prefix,country'");
    }

    @Test
    void aFileReplacesTheDemoTable(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("bins.csv"), "510000,PL\n");

        BinCountries table = BinCountries.loadOrDefaults(Optional.of(file));

        assertThat(table.countryOf("5100001234567890")).contains("PL");
        assertThat(table.countryOf("4556490000000000")).isEmpty();
    }
}
