package dev.vigil.e2e;

import dev.vigil.card.BinCountries;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Card numbers as the end-to-end tests see them: the test cards they send, and a scan of topics, logs
 * and tables for what looks like one. Not {@code card-data}'s {@code CardNumbers}, the services' rule
 * (which also finds grouped digits and refuses them in identifiers): a leak check of its own, so a
 * mistake in the services' rule cannot hide a leak, and one that passes over epoch timestamps.
 */
final class CardNumbersInLogs {

    /**
     * 13 to 19 digits standing alone (no letter or digit on either side, so not a run inside a
     * token or a hash, nor the decimals of a number) that start as a payment card does (2 to 6: Mastercard, Amex, Visa, Discover,
     * and so on). Epoch milliseconds and nanoseconds, which logs are full of, start with 1.
     */
    private static final Pattern CANDIDATE =
            Pattern.compile("(?<![0-9A-Za-z])(?<!\\d[.,])[2-6]\\d{12,18}(?![0-9A-Za-z])(?![.,]\\d)");

    private static final BinCountries DEMO_BINS = BinCountries.defaults();

    private CardNumbersInLogs() {}

    /** {@code body} with the Luhn check digit appended. */
    static String withCheckDigit(String body) {
        return body + (10 - luhnSum(body, true) % 10) % 10;
    }

    static boolean luhnValid(String number) {
        return luhnSum(number, false) % 10 == 0;
    }

    /** Every Luhn-valid number in {@code text} that stands alone and starts as a payment card does. */
    static List<String> in(String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = CANDIDATE.matcher(text);
        while (matcher.find()) {
            if (luhnValid(matcher.group())) {
                found.add(matcher.group());
            }
        }
        return found;
    }

    /**
     * What {@link #in} finds that starts with a BIN the load generator issues (the demo BIN table):
     * the scan for a run of the generator, whose card numbers are not known to the test. A random
     * 64-bit number in a log (a hash, an id) has 19 digits and is Luhn-valid one time in ten, so
     * {@link #in} alone would take it for a card now and then.
     */
    static List<String> issuedByTheDemoBanks(String text) {
        return in(text).stream()
                .filter(number -> DEMO_BINS.countryOf(number).isPresent())
                .toList();
    }

    /** Luhn's sum; {@code checkDigitMissing} doubles from the last digit rather than the one before it. */
    private static int luhnSum(String digits, boolean checkDigitMissing) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == (checkDigitMissing ? 0 : 1)) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        return sum;
    }
}
