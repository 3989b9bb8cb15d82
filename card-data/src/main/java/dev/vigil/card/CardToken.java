package dev.vigil.card;

/**
 * What is kept of a card number: its keyed token (the Kafka key), the BIN (first six digits), the
 * last four digits and the issuer's country looked up from its leading digits ({@code null} when the
 * BIN table does not know them). The one definition for ingest and the load generator's Kafka path.
 */
public record CardToken(String token, String bin, String last4, String country) {

    /** BIN and last four are six and four digits: a card number has at least 12. */
    private static final int BIN_DIGITS = 6;

    private static final int LAST_DIGITS = 4;

    /** What is kept of {@code pan}, a card number given as its digits. */
    public static CardToken of(String pan, CardTokenizer tokenizer, BinCountries binCountries) {
        return new CardToken(
                tokenizer.token(pan),
                pan.substring(0, BIN_DIGITS),
                pan.substring(pan.length() - LAST_DIGITS),
                binCountries.countryOf(pan).orElse(null));
    }
}
