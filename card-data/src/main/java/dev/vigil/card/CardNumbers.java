package dev.vigil.card;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds a card number in text that must not hold one: every identifier and free-text field of
 * every service (a PAN may enter only ingest's {@code pan} field). One rule for all of them.
 *
 * <p>A card number here is 13 to 19 digits passing the Luhn check, written in a row or in groups of
 * 3 to 6 digits separated by single spaces or dashes ({@code 4111 1111 1111 1111},
 * {@code 3782-822463-10005}); a group touching a letter belongs to a word or a hex string and is
 * never grouped ({@code e611-4476-8070-155b} inside a UUID is not a number). Why not fewer digits, and why the Luhn check: UUIDs and dates are
 * everywhere in identifiers ({@code tx-…-123456789012}, {@code 2026-11-22}), and refusing one in a
 * thousand of them would break senders; 12-digit cards are rare and are the price of that.
 */
public final class CardNumbers {

    /** The reason every service gives, naming the field, never the value. */
    public static final String REASON = "must not contain a card number";

    private static final int MIN_DIGITS = 13;
    private static final int MAX_DIGITS = 19;
    private static final int MIN_GROUP = 3;
    private static final int MAX_GROUP = 6;

    private CardNumbers() {}

    /** Whether {@code text} holds something that reads as a card number. */
    public static boolean appearIn(String text) {
        if (text == null) {
            return false;
        }
        int i = 0;
        while (i < text.length()) {
            if (!isDigit(text.charAt(i))) {
                i++;
                continue;
            }
            // a run of digit groups joined by single spaces or dashes
            List<Group> groups = new ArrayList<>();
            boolean gluedBefore = i > 0 && Character.isLetter(text.charAt(i - 1));
            int end = i;
            while (true) {
                int start = end;
                while (end < text.length() && isDigit(text.charAt(end))) {
                    end++;
                }
                boolean joined =
                        end + 1 < text.length() && isSeparator(text.charAt(end)) && isDigit(text.charAt(end + 1));
                boolean gluedAfter = !joined && end < text.length() && Character.isLetter(text.charAt(end));
                groups.add(new Group(text.substring(start, end), (groups.isEmpty() && gluedBefore) || gluedAfter));
                if (!joined) {
                    break;
                }
                end++;
            }
            if (holdsCardNumber(groups)) {
                return true;
            }
            i = end;
        }
        return false;
    }

    /** ISO/IEC 7812 check digit: doubling every second digit from the right. */
    public static boolean passesLuhn(CharSequence digits) {
        return luhnSum(digits) % 10 == 0;
    }

    /** The digit that makes {@code payload} followed by it pass {@link #passesLuhn}: how a card number ends. */
    public static int checkDigit(CharSequence payload) {
        return (10 - luhnSum(payload + "0") % 10) % 10;
    }

    private static int luhnSum(CharSequence digits) {
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int digit = digits.charAt(i) - '0';
            if (doubled) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
        }
        return sum;
    }

    /**
     * Digits between separators; {@code glued} when they touch a letter ({@code e611}, {@code 155b}):
     * then they are part of a word or a hex string, a card number alone but never a group of one.
     */
    private record Group(String digits, boolean glued) {
        boolean groupable() {
            return !glued && digits.length() >= MIN_GROUP && digits.length() <= MAX_GROUP;
        }
    }

    private static boolean holdsCardNumber(List<Group> groups) {
        for (Group group : groups) {
            if (isCardNumber(group.digits())) {
                return true;
            }
        }
        for (int from = 0; from < groups.size(); from++) {
            StringBuilder digits = new StringBuilder();
            for (int to = from; to < groups.size() && groups.get(to).groupable(); to++) {
                digits.append(groups.get(to).digits());
                if (to > from && isCardNumber(digits)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isCardNumber(CharSequence digits) {
        return digits.length() >= MIN_DIGITS && digits.length() <= MAX_DIGITS && passesLuhn(digits);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '-';
    }
}
