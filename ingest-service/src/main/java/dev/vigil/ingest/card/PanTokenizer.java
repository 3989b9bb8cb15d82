package dev.vigil.ingest.card;

import dev.vigil.schemas.CardTokenizer;

/**
 * Replaces a validated card number with its token ({@link CardTokenizer}: HMAC-SHA256 under the
 * configured key, base64url), keeping only the BIN and the last four digits beside it. The one
 * place in the service that sees the number and the key together. Thread-safe.
 */
public final class PanTokenizer {

    private final CardTokenizer tokenizer;

    public PanTokenizer(byte[] key) {
        this.tokenizer = new CardTokenizer(key);
    }

    /** Decodes the configured key (standard base64); messages never quote a character of it. */
    public static byte[] decodeKey(String base64, String property) {
        return CardTokenizer.decodeKey(base64, property);
    }

    public CardToken tokenize(CardNumber card) {
        return new CardToken(tokenizer.token(card.digits()), card.bin(), card.last4());
    }

    @Override
    public String toString() {
        return "PanTokenizer[key hidden]";
    }
}
