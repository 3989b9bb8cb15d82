package dev.vigil.ingest.card;

import dev.vigil.card.BinCountries;
import dev.vigil.card.CardTokenizer;

/**
 * Replaces a validated card number with its token ({@link CardTokenizer}: HMAC-SHA256 under the
 * configured key, base64url), keeping only the BIN, the last four digits and the issuer's country
 * ({@link BinCountries}) beside it. The one place in the service that sees the number and the key
 * together. Thread-safe.
 */
public final class PanTokenizer {

    private final CardTokenizer tokenizer;
    private final BinCountries binCountries;

    public PanTokenizer(byte[] key, BinCountries binCountries) {
        this.tokenizer = new CardTokenizer(key);
        this.binCountries = binCountries;
    }

    /** With the demo BIN table. */
    public PanTokenizer(byte[] key) {
        this(key, BinCountries.defaults());
    }

    /** Decodes the configured key (standard base64); messages never quote a character of it. */
    public static byte[] decodeKey(String base64, String property) {
        return CardTokenizer.decodeKey(base64, property);
    }

    public CardToken tokenize(CardNumber card) {
        return new CardToken(tokenizer.token(card.digits()), card.bin(), card.last4(),
                binCountries.countryOf(card.digits()).orElse(null));
    }

    @Override
    public String toString() {
        return "PanTokenizer[key hidden]";
    }
}
