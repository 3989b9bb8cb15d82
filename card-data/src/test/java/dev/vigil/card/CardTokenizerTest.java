package dev.vigil.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class CardTokenizerTest {

    /** ingest-service's dev/test key ("demo-only-vigil-card-token-key-001"), as VIGIL_PAN_TOKEN_KEY gives it. */
    static final String DEMO_KEY = "ZGVtby1vbmx5LXZpZ2lsLWNhcmQtdG9rZW4ta2V5LTAwMQ==";

    static final String VISA = "4111111111111111";
    static final String VISA_DEBIT = "4000056655665556";

    @Test
    void tokenIsTheHmacSha256OfTheCardNumberInBase64UrlWithoutPadding() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(DEMO_KEY), "HmacSHA256"));
        String expected = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(mac.doFinal(VISA.getBytes(StandardCharsets.US_ASCII)));

        String token = CardTokenizer.fromBase64(DEMO_KEY, "key").token(VISA);

        assertThat(token).isEqualTo(expected).hasSize(43).doesNotContain("=", "+", "/");
    }

    @Test
    void tokensEqualValuesComputedOutsideJava() {
        // printf %s PAN | openssl dgst -sha256 -mac HMAC -macopt key:demo-only-vigil-card-token-key-001 -binary
        //   | base64 | tr '+/' '-_' | tr -d '='
        CardTokenizer tokenizer = CardTokenizer.fromBase64(DEMO_KEY, "key");

        assertThat(tokenizer.token(VISA)).isEqualTo("YJZPM3v67Xl6QxQWmaStzLdS4oLSNC9v02tpQmI-SWs");
        // this one has both URL-safe characters, where standard base64 would have '+' and '/'
        assertThat(tokenizer.token(VISA_DEBIT)).isEqualTo("dbWDdOGuK7C_y04-GLjPOdUVKJx1-1sByCvZJMlezHg");
    }

    @Test
    void anotherKeyGivesAnotherToken() {
        String otherKey = Base64.getEncoder()
                .encodeToString("another-key-of-at-least-32-bytes!!".getBytes(StandardCharsets.US_ASCII));

        assertThat(CardTokenizer.fromBase64(otherKey, "key").token(VISA))
                .isNotEqualTo(CardTokenizer.fromBase64(DEMO_KEY, "key").token(VISA));
    }

    @Test
    void theKeyMayBeSurroundedByWhitespaceAsInAFile() {
        assertThat(CardTokenizer.fromBase64(" " + DEMO_KEY + "\n", "key").token(VISA))
                .isEqualTo(CardTokenizer.fromBase64(DEMO_KEY, "key").token(VISA));
    }

    @Test
    void refusesAKeyShorterThan32BytesWithoutQuotingIt() {
        String shortKey = Base64.getEncoder()
                .encodeToString("only-31-bytes-long-key-material".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> CardTokenizer.fromBase64(shortKey, "VIGIL_PAN_TOKEN_KEY"))
                .hasMessage("VIGIL_PAN_TOKEN_KEY must be base64 of at least 32 random bytes; it decodes to 31");
    }

    @Test
    void refusesAKeyThatIsNotBase64WithoutQuotingIt() {
        assertThatThrownBy(() -> CardTokenizer.fromBase64("secret*key!", "VIGIL_PAN_TOKEN_KEY"))
                .hasMessage("VIGIL_PAN_TOKEN_KEY is not valid base64");
    }

    @Test
    void refusesARawKeyShorterThan32Bytes() {
        assertThatThrownBy(() -> new CardTokenizer(new byte[31])).hasMessageContaining("at least 32 bytes");
    }

    @Test
    void doesNotShowItsKey() {
        assertThat(CardTokenizer.fromBase64(DEMO_KEY, "key").toString()).doesNotContain(DEMO_KEY, "demo-only");
    }
}
