package dev.vigil.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The card-number finder the scans use: it finds a card number wherever one stands, and little else. */
class CardNumbersInLogsTest {

    static final String TEST_CARD = "4556737586899855";

    @Test
    void findsALuhnValidCardNumberStandingAloneInTextJsonOrALogLine() {
        assertThat(CardNumbersInLogs.in("pan=" + TEST_CARD + ", amount=10.00")).containsExactly(TEST_CARD);
        assertThat(CardNumbersInLogs.in("{\"pan\":\"" + TEST_CARD + "\"}")).containsExactly(TEST_CARD);
        assertThat(CardNumbersInLogs.in("card " + TEST_CARD + ".")).containsExactly(TEST_CARD);
        assertThat(CardNumbersInLogs.in(CardStream.pan(7))).containsExactly(CardStream.pan(7));
    }

    @Test
    void ignoresNumbersThatFailLuhnOrAreNotCardNumbers() {
        assertThat(CardNumbersInLogs.in("pan=4556737586899856"))
                .as("the test card with its last digit changed")
                .isEmpty();
        assertThat(CardNumbersInLogs.in("startTimeMs: 1795435710453"))
                .as("epoch milliseconds start with 1")
                .isEmpty();
        assertThat(CardNumbersInLogs.in("score=0.3333333333333333"))
                .as("decimals of a fraction")
                .isEmpty();
        assertThat(CardNumbersInLogs.in("token=ab" + TEST_CARD + "cd"))
                .as("a digit run inside a token")
                .isEmpty();
        assertThat(CardNumbersInLogs.in("455673******9855")).as("a masked card").isEmpty();
    }

    @Test
    void aScanOfTheGeneratorsRunFindsItsCardsButNotARandomLongThatPassesLuhn() {
        String generatorCard = CardNumbersInLogs.withCheckDigit("455649123456789");
        String randomLong = "5569502701474811812"; // printed by a service in a run, Luhn-valid by chance
        assertThat(CardNumbersInLogs.in(randomLong)).containsExactly(randomLong);
        assertThat(CardNumbersInLogs.issuedByTheDemoBanks("card " + generatorCard + " id " + randomLong))
                .containsExactly(generatorCard);
    }

    @Test
    void theCheckDigitMakesANumberLuhnValid() {
        assertThat(CardNumbersInLogs.withCheckDigit("455673758689985")).isEqualTo(TEST_CARD);
        assertThat(CardNumbersInLogs.luhnValid(TEST_CARD)).isTrue();
        assertThat(CardNumbersInLogs.luhnValid("4556737586899856")).isFalse();
    }
}
