package dev.vigil.ingest.card;

import dev.vigil.card.CardNumbers;
import dev.vigil.ingest.validation.Checked;

/**
 * A card number (PAN) that passed the format and Luhn checks. It lives only for the duration of
 * one request: it is tokenised and dropped. {@code toString} hides it.
 */
public record CardNumber(String digits) {

    private static final int MIN_DIGITS = 12;
    private static final int MAX_DIGITS = 19;

    /** Why {@code text} is not a card number, or the card number. */
    public static Checked<CardNumber> parse(String text) {
        if (text == null) {
            return null;
        }
        if (!text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Checked.fail("must contain only digits, without spaces or dashes");
        }
        if (text.length() < MIN_DIGITS || text.length() > MAX_DIGITS) {
            return Checked.fail("must be " + MIN_DIGITS + " to " + MAX_DIGITS + " digits long");
        }
        if (!CardNumbers.passesLuhn(text)) {
            return Checked.fail("fails the Luhn check");
        }
        return Checked.ok(new CardNumber(text));
    }

    @Override
    public String toString() {
        return "CardNumber[hidden]";
    }
}
