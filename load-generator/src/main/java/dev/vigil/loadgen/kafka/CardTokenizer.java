package dev.vigil.loadgen.kafka;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The card token ingest-service puts on Kafka instead of the card number: HMAC-SHA256 of the
 * number's digits under the key of {@code VIGIL_PAN_TOKEN_KEY} (base64 of at least 32 bytes),
 * base64url without padding. Records written straight to Kafka must carry the token ingest would
 * have made with the same key, or the scorer would see strangers instead of known cards. The
 * algorithm is ingest-service's {@code PanTokenizer}; a test pins it against an independent
 * computation. Thread-safe.
 */
final class CardTokenizer {

    static final int MIN_KEY_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    private CardTokenizer(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    /**
     * The tokenizer of a key given as standard base64, as the services take it. Messages name the
     * problem and {@code name}, never a character of the key.
     */
    static CardTokenizer fromBase64(String base64, String name) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException notBase64) {
            // the decoder's message quotes the offending character: not passed on
            throw new IllegalArgumentException(name + " is not valid base64");
        }
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException(name + " must be base64 of at least " + MIN_KEY_BYTES
                    + " random bytes; it decodes to " + key.length);
        }
        return new CardTokenizer(key);
    }

    String token(String pan) {
        try {
            // a Mac per call: Mac is not thread-safe, and one costs about a microsecond
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] digest = mac.doFinal(pan.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        }
    }

    @Override
    public String toString() {
        return "CardTokenizer[key hidden]";
    }
}
