package dev.vigil.alerts.sink;

/** The only card data alerts-api keeps and shows: the BIN and the last four digits. */
final class CardMask {

    /** Digits hidden between BIN and last four, as for a 16-digit card (the length is not known here). */
    private static final String HIDDEN = "******";

    private CardMask() {}

    /** {@code "411111", "1111"} is {@code "411111******1111"}. */
    static String of(String bin, String last4) {
        if (bin == null || !bin.matches("\\d{6}") || last4 == null || !last4.matches("\\d{4}")) {
            throw new IllegalArgumentException("a BIN is six digits and a last four is four digits");
        }
        return bin + HIDDEN + last4;
    }
}
