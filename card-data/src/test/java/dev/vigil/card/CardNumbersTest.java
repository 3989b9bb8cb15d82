package dev.vigil.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CardNumbersTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "4111111111111111", // as an id
                "tx-4111111111111111", // inside an id
                "m:4111111111111111/shop",
                "customer read out 4111 1111 1111 1111 on the phone",
                "card 4111-1111-1111-1111 was used",
                "amex 3782 822463 10005 declined", // 4-6-5
                "4111 1111 1111 1111 12 times", // a short number after it
                "ref 2026-11-22 and 5555555555554444",
                "4222222222222" // 13 digits
            })
    void findsACardNumber(String text) {
        assertThat(CardNumbers.appearIn(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "tx-000123",
                "case 2026-11-22 ref 12345678901",
                "4111111111111112", // fails Luhn
                "4111 1111 1111 1112",
                "+49 170 1234 5678",
                "tx-12-3-48213377-9911-4abc-8def-123456789012",
                "tx-6-1003-296be93f-e611-4476-8070-155bf25dbc29", // 611-4476-8070-155 is 14 Luhn digits, but inside hex
                "t-9",
                ""
            })
    void leavesOtherNumbersAlone(String text) {
        assertThat(CardNumbers.appearIn(text)).isFalse();
    }

    @Test
    void noUuidBasedIdentifierIsTakenForACardNumber() {
        // all-digit UUIDs are the worst case of the ids senders and tests make
        for (int i = 0; i < 20_000; i++) {
            String digitsOnly = UUID.randomUUID().toString().replaceAll("[a-f]", Integer.toString(i % 10));
            assertThat(CardNumbers.appearIn("tx-" + i % 7 + "-" + i % 300 + "-" + digitsOnly))
                    .as(digitsOnly)
                    .isFalse();
        }
    }

    @Test
    void noUuidIsTakenForACardNumber() {
        for (int i = 0; i < 200_000; i++) {
            String id = "tx-" + i % 7 + "-" + (1_000 + i % 24) + "-" + UUID.randomUUID();
            assertThat(CardNumbers.appearIn(id)).as(id).isFalse();
        }
    }

    @Test
    void luhn() {
        assertThat(CardNumbers.passesLuhn("4111111111111111")).isTrue();
        assertThat(CardNumbers.passesLuhn("4111111111111112")).isFalse();
        assertThat(IntStream.range(0, 10)
                        .filter(d -> CardNumbers.passesLuhn("411111111111111" + d))
                        .count())
                .isEqualTo(1);
    }

    @Test
    void theCheckDigitCompletesAValidNumber() {
        assertThat(CardNumbers.checkDigit("411111111111111")).isEqualTo(1);
        assertThat(CardNumbers.checkDigit("455673758689985")).isEqualTo(5);
        assertThat(CardNumbers.passesLuhn("455673758689985" + CardNumbers.checkDigit("455673758689985")))
                .isTrue();
    }
}
