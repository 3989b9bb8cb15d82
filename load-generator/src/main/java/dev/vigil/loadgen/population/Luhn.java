package dev.vigil.loadgen.population;

import dev.vigil.card.CardNumbers;

/** Whether a generated card number is one: digits only, ending with its Luhn check digit. */
public final class Luhn {

    private Luhn() {}

    public static boolean isValid(CharSequence number) {
        if (number.length() < 2) {
            return false;
        }
        for (int i = 0; i < number.length(); i++) {
            if (!Character.isDigit(number.charAt(i))) {
                return false;
            }
        }
        return CardNumbers.checkDigit(number.subSequence(0, number.length() - 1))
                == number.charAt(number.length() - 1) - '0';
    }
}
