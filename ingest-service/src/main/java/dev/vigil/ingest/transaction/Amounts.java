package dev.vigil.ingest.transaction;

import dev.vigil.ingest.validation.Checked;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.regex.Pattern;

/**
 * Money as senders write it (a decimal in major units) turned into what goes on the wire: long
 * minor units of an ISO 4217 currency. Never through {@code double}.
 */
final class Amounts {

    private static final Pattern CODE = Pattern.compile("[A-Z]{3}");
    private static final Pattern EXPONENT_FORM = Pattern.compile("[+-]?[0-9]*\\.?[0-9]+[eE][+-]?[0-9]+");
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("([0-9]+)(?:\\.([0-9]+))?");
    /** More integer digits than this cannot be a card amount in minor units of a long. */
    private static final int MAX_INTEGER_DIGITS = 15;

    private Amounts() {}

    /** An ISO 4217 currency with minor units (not a fund, metal or test code). */
    static Checked<Currency> currency(String code) {
        if (code == null) {
            return null;
        }
        if (!CODE.matcher(code).matches()) {
            return Checked.fail("must be an ISO 4217 currency code in upper case, such as EUR");
        }
        Currency currency;
        try {
            currency = Currency.getInstance(code);
        } catch (IllegalArgumentException unknown) {
            return Checked.fail("must be an ISO 4217 currency code in upper case, such as EUR");
        }
        if (currency.getDefaultFractionDigits() < 0) {
            return Checked.fail("is not a currency cards are charged in (it has no minor unit)");
        }
        return Checked.ok(currency);
    }

    /**
     * Why {@code literal} is not a non-negative plain decimal (no sign, no exponent); trailing zeros
     * after the point are fine ({@code 12.340} EUR is 1234 cents). Checked before the currency is
     * known, so a bad currency and a bad amount are both reported.
     */
    static String formatProblem(String literal) {
        if (EXPONENT_FORM.matcher(literal).matches()) {
            return "must be a plain decimal such as 12.34, not exponent form";
        }
        if (literal.startsWith("-")) {
            return "must not be negative";
        }
        if (!PLAIN_DECIMAL.matcher(literal).matches()) {
            return "must be a decimal number such as 12.34";
        }
        return null;
    }

    /**
     * The amount in minor units of {@code currency}, when it is exact and at most {@code maxMinor}. Zero
     * is an amount: a card verification (an account check without a charge) is one, and card testing
     * uses them, so the scorer must see them.
     */
    static Checked<Long> minorUnits(String literal, Currency currency, long maxMinor) {
        String problem = formatProblem(literal);
        if (problem != null) {
            return Checked.fail(problem);
        }
        var matcher = PLAIN_DECIMAL.matcher(literal);
        matcher.matches();
        String integer = stripLeadingZeros(matcher.group(1));
        String fraction = matcher.group(2) == null ? "" : stripTrailingZeros(matcher.group(2));
        int exponent = currency.getDefaultFractionDigits();
        if (fraction.length() > exponent) {
            return Checked.fail(
                    "has more decimal places than " + currency.getCurrencyCode() + " allows (" + exponent + ")");
        }
        BigDecimal max = BigDecimal.valueOf(maxMinor, exponent);
        if (integer.length() > MAX_INTEGER_DIGITS) {
            return Checked.fail(tooLarge(max, currency));
        }
        BigDecimal amount = new BigDecimal(integer + (fraction.isEmpty() ? "" : "." + fraction));
        if (amount.compareTo(max) > 0) {
            return Checked.fail(tooLarge(max, currency));
        }
        return Checked.ok(amount.movePointRight(exponent).longValueExact());
    }

    private static String tooLarge(BigDecimal max, Currency currency) {
        return "must not exceed " + max.toPlainString() + " " + currency.getCurrencyCode();
    }

    private static String stripLeadingZeros(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }

    private static String stripTrailingZeros(String digits) {
        int end = digits.length();
        while (end > 0 && digits.charAt(end - 1) == '0') {
            end--;
        }
        return digits.substring(0, end);
    }
}
