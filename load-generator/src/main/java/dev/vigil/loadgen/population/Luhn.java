package dev.vigil.loadgen.population;

/** The Luhn (mod 10) check digit every card number ends with. */
public final class Luhn {

    private Luhn() {}

    /** The digit that makes {@code payload + digit} pass the Luhn check. */
    public static int checkDigit(CharSequence payload) {
        int sum = 0;
        for (int i = payload.length() - 1, position = 0; i >= 0; i--, position++) {
            int digit = payload.charAt(i) - '0';
            if (position % 2 == 0) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        return (10 - sum % 10) % 10;
    }

    public static boolean isValid(CharSequence number) {
        if (number.length() < 2) {
            return false;
        }
        for (int i = 0; i < number.length(); i++) {
            if (!Character.isDigit(number.charAt(i))) {
                return false;
            }
        }
        return checkDigit(number.subSequence(0, number.length() - 1)) == number.charAt(number.length() - 1) - '0';
    }
}
