package dev.vigil.card;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The card token that stands for a card number everywhere past the ingest endpoint, and the key of
 * the {@code transactions} topic: HMAC-SHA256 of the number's digits under the key of
 * {@code VIGIL_PAN_TOKEN_KEY} (base64 of at least 32 random bytes), base64url without padding.
 * Keyed, so a token cannot be reversed by hashing the (small) space of card numbers without the
 * key; stable, so one card always has one token and its records share a partition.
 *
 * <p>The one definition: ingest-service tokenizes with it, and so does the load generator when it
 * writes straight to Kafka, or the scorer would see strangers instead of known cards. A test pins
 * it against computations outside this code. Thread-safe.
 */
public final class CardTokenizer {

    /** HMAC-SHA256 keys shorter than its output weaken it. */
    public static final int MIN_KEY_BYTES = 32;

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    /**
     * One initialised Mac per thread: Mac is not thread-safe, and finding the provider and keying a
     * new one costs more than the hash of a card number. doFinal resets it for the next call.
     */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    /** The tokenizer of a raw key of at least {@value #MIN_KEY_BYTES} bytes. */
    public CardTokenizer(byte[] key) {
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException(
                    "the card token key must be at least " + MIN_KEY_BYTES + " bytes, it is " + key.length);
        }
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    /**
     * The tokenizer of a key given as standard base64, as the services take it. Messages name the
     * problem and {@code name}, never a character of the key.
     */
    public static CardTokenizer fromBase64(String base64, String name) {
        return new CardTokenizer(decodeKey(base64, name));
    }

    /**
     * Decodes a key given as standard base64 (surrounding whitespace ignored, as in a key file).
     * Messages name the problem and {@code name}, never a character of the key, so a
     * misconfiguration cannot leak it into a startup log.
     */
    public static byte[] decodeKey(String base64, String name) {
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
        return key;
    }

    /** The token of a card number given as its digits. */
    public String token(String pan) {
        byte[] digest = macs.get().doFinal(pan.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    private Mac newMac() {
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
        return "CardTokenizer[key hidden]";
    }
}
