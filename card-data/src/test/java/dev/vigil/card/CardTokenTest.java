package dev.vigil.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CardTokenTest {

    private static final CardTokenizer TOKENIZER =
            new CardTokenizer("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

    @Test
    void keepsTheTokenBinLastFourAndIssuerCountryOnly() {
        String pan = "4556491234567890";
        CardToken card = CardToken.of(pan, TOKENIZER, BinCountries.defaults());

        assertThat(card.token()).isEqualTo(TOKENIZER.token(pan));
        assertThat(card.bin()).isEqualTo("455649");
        assertThat(card.last4()).isEqualTo("7890");
        assertThat(card.country()).isEqualTo("DE");
        assertThat(card.toString()).doesNotContain(pan);
    }
}
