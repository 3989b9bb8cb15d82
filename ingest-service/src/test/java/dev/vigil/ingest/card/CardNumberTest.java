package dev.vigil.ingest.card;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.card.CardNumbers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CardNumberTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "4111111111111111",
                "5555555555554444",
                "378282246310005",
                "6011111111111117",
                "123456789015",
                "4111111111111111110"
            })
    void passesLuhnForValidCardNumbers(String pan) {
        assertThat(CardNumbers.passesLuhn(pan)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111111111111112", "5555555555554440", "378282246310006", "123456789016"})
    void failsLuhnWhenTheCheckDigitIsWrong(String pan) {
        assertThat(CardNumbers.passesLuhn(pan)).isFalse();
    }

    @Test
    void failsLuhnWhenTwoAdjacentDigitsAreSwapped() {
        assertThat(CardNumbers.passesLuhn("4111111111111111")).isTrue();
        assertThat(CardNumbers.passesLuhn("1411111111111111")).isFalse();
    }

    @Test
    void hidesTheDigitsInToString() {
        assertThat(CardNumber.parse("4111111111111111").value().toString())
                .doesNotContain("4111")
                .doesNotContain("1111");
    }
}
