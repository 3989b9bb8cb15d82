package dev.vigil.alerts.query;

import java.math.BigDecimal;
import java.util.Currency;

/** Money on the wire: minor units plus ISO 4217 code in, a plain decimal string in major units out. */
public final class Amounts {

    private Amounts() {
    }

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
}
