package dev.vigil.schemas;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * Money on the wire ({@code amountMinor}): a long count of the minor units of an ISO 4217 currency
 * (cents of EUR, yen of JPY, fils of KWD), never a {@code double}. The one conversion to and from a
 * decimal in major units for every reader and writer of a topic; ingest's validation of what senders
 * write, with a reason per field, stays ingest's.
 */
public final class MinorUnits {

    private MinorUnits() {}

    /** {@code 1234, "EUR"} is {@code "12.34"}; {@code 1234, "JPY"} is {@code "1234"}; null for a code Java does not know. */
    public static String decimal(long amountMinor, String currency) {
        int digits;
        try {
            digits = Currency.getInstance(currency).getDefaultFractionDigits();
        } catch (IllegalArgumentException e) {
            return null;
        }
        return BigDecimal.valueOf(amountMinor, Math.max(digits, 0)).toPlainString();
    }

    /**
     * A decimal amount in major units as minor units of its currency; refused, as ingest refuses it,
     * when it has more decimals than the currency or the currency has no minor unit.
     */
    public static long of(String amount, String currencyCode) {
        int exponent = Currency.getInstance(currencyCode).getDefaultFractionDigits();
        if (exponent < 0) {
            throw new IllegalArgumentException(currencyCode + " has no minor unit");
        }
        BigDecimal major = new BigDecimal(amount).stripTrailingZeros();
        if (major.scale() > exponent) {
            throw new IllegalArgumentException(
                    "an amount has more decimal places than " + currencyCode + " allows (" + exponent + ")");
        }
        return major.movePointRight(exponent).longValueExact();
    }
}
