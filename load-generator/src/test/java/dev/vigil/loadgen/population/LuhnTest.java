package dev.vigil.loadgen.population;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LuhnTest {

    @Test
    void acceptsKnownTestCardsAndRefusesAChangedDigit() {
        assertThat(Luhn.isValid("4111111111111111")).isTrue();
        assertThat(Luhn.isValid("4556737586899855")).isTrue();
        assertThat(Luhn.isValid("4556737586899856")).isFalse();
        assertThat(Luhn.isValid("45567375868998a5")).isFalse();
    }
}
