package dev.vigil.ingest.card;

import dev.vigil.card.BinCountries;
import dev.vigil.card.CardToken;
import dev.vigil.card.CardTokenizer;

/**
 * Replaces a validated card number with what is kept of it ({@link CardToken}: the token under the
 * configured key, BIN, last four, issuer's country). The one place in the service that sees the
 * number and the key together. Thread-safe.
 */
public final class PanTokenizer {

    private final CardTokenizer tokenizer;
    private final BinCountries binCountries;

    public PanTokenizer(byte[] key, BinCountries binCountries) {
        this.tokenizer = new CardTokenizer(key);
        this.binCountries = binCountries;
    }

    public CardToken tokenize(CardNumber card) {
        return CardToken.of(card.digits(), tokenizer, binCountries);
    }

    @Override
    public String toString() {
        return "PanTokenizer[key hidden]";
    }
}
