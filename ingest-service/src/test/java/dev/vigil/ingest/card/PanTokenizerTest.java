package dev.vigil.ingest.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.card.BinCountries;
import dev.vigil.card.CardToken;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class PanTokenizerTest {

    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    static final byte[] OTHER_KEY = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
    static final CardNumber VISA = CardNumber.parse("4111111111111111").value();
    static final CardNumber MASTERCARD = CardNumber.parse("5555555555554444").value();

    @Test
    void tokenIsHmacSha256OfTheCardNumberInBase64UrlWithoutPadding() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        String expected = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(mac.doFinal("4111111111111111".getBytes(StandardCharsets.US_ASCII)));

        CardToken token = tokenizer(KEY).tokenize(VISA);

        assertThat(token.token()).isEqualTo(expected).hasSize(43).doesNotContain("=", "+", "/");
    }

    @Test
    void sameCardAndKeyGiveTheSameToken() {
        assertThat(tokenizer(KEY).tokenize(VISA))
                .isEqualTo(tokenizer(KEY.clone()).tokenize(VISA));
    }

    @Test
    void otherKeyGivesOtherToken() {
        assertThat(tokenizer(KEY).tokenize(VISA).token())
                .isNotEqualTo(tokenizer(OTHER_KEY).tokenize(VISA).token());
    }

    @Test
    void otherCardGivesOtherToken() {
        PanTokenizer tokenizer = tokenizer(KEY);

        assertThat(tokenizer.tokenize(VISA).token())
                .isNotEqualTo(tokenizer.tokenize(MASTERCARD).token());
    }

    @Test
    void keepsOnlyBinAndLastFour() {
        CardToken token = tokenizer(KEY).tokenize(MASTERCARD);

        assertThat(token.bin()).isEqualTo("555555");
        assertThat(token.last4()).isEqualTo("4444");
        assertThat(token.toString()).doesNotContain("5555555555554444");
    }

    @Test
    void refusesKeyShorterThan32Bytes() {
        assertThatThrownBy(() -> new PanTokenizer(Arrays.copyOf(KEY, 31), BinCountries.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 32 bytes");
    }

    @Test
    void hidesTheKeyInToString() {
        assertThat(tokenizer(KEY).toString()).doesNotContain("0123456789abcdef");
    }

    private static PanTokenizer tokenizer(byte[] key) {
        return new PanTokenizer(key, BinCountries.defaults());
    }
}
