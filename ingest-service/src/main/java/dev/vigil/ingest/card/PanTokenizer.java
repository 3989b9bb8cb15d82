package dev.vigil.ingest.card;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces a card number with HMAC-SHA256(key, PAN), base64url without padding. Keyed, so a token
 * cannot be reversed by hashing the (small) space of card numbers without the key; stable, so one
 * card always has one token and its records share a partition. Thread-safe.
 */
public final class PanTokenizer {

    /** HMAC-SHA256 keys shorter than its output weaken it. */
    static final int MIN_KEY_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public PanTokenizer(byte[] key) {
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the card token key must be at least " + MIN_KEY_BYTES
                    + " bytes, it is " + key.length);
        }
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    /**
     * Decodes the configured key (standard base64). Messages name the problem, never a character
     * of the key, so a misconfiguration cannot leak it into a startup log.
     */
    public static byte[] decodeKey(String base64, String property) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException notBase64) {
            // the decoder's message quotes the offending character of the key: not passed on
            throw new IllegalArgumentException(property + " is not valid base64");
        }
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException(property + " must be base64 of at least " + MIN_KEY_BYTES
                    + " random bytes; it decodes to " + key.length);
        }
        return key;
    }

    public CardToken tokenize(CardNumber card) {
        byte[] digest = mac().doFinal(card.digits().getBytes(StandardCharsets.US_ASCII));
        return new CardToken(Base64.getUrlEncoder().withoutPadding().encodeToString(digest), card.bin(), card.last4());
    }

    /** A Mac per call: Mac is not thread-safe and creating one costs about a microsecond. */
    private Mac mac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        }
    }

    @Override
    public String toString() {
        return "PanTokenizer[key hidden]";
    }
}
