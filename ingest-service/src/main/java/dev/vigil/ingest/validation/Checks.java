package dev.vigil.ingest.validation;

import dev.vigil.card.CardNumbers;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The rules shared by every request: pure functions from a submitted text to a {@link Checked}
 * value. A {@code null} input gives a {@code null} result (nothing to check), so callers can chain
 * them on optional members. Problems never quote the input.
 */
public final class Checks {

    /** Identifiers end up in logs, metrics and URLs: a small alphabet keeps them safe there. */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9._:/-]+");

    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final Pattern MCC = Pattern.compile("[0-9]{4}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private Checks() {}

    /**
     * A sender-chosen id: not blank, at most {@code maxLength} characters of a restricted alphabet,
     * and no card number (ids go to Kafka, the scorer's state and the alert store in clear).
     */
    public static Checked<String> identifier(String text, int maxLength) {
        if (text == null) {
            return null;
        }
        if (text.isBlank()) {
            return Checked.fail("must not be blank");
        }
        if (text.length() > maxLength) {
            return Checked.fail("must be at most " + maxLength + " characters");
        }
        if (CONTROL.matcher(text).find()) {
            return Checked.fail("must not contain control characters");
        }
        if (!IDENTIFIER.matcher(text).matches()) {
            return Checked.fail("may contain only letters, digits and . _ - : /");
        }
        if (CardNumbers.appearIn(text)) {
            return Checked.fail(CardNumbers.REASON);
        }
        return Checked.ok(text);
    }

    /** Free text such as a note: at most {@code maxLength} characters, no control characters but line breaks, no card number. */
    public static Checked<String> freeText(String text, int maxLength) {
        if (text == null) {
            return null;
        }
        if (text.length() > maxLength) {
            return Checked.fail("must be at most " + maxLength + " characters");
        }
        if (CONTROL.matcher(text.replace('\n', ' ')).find()) {
            return Checked.fail("must not contain control characters other than line breaks");
        }
        if (CardNumbers.appearIn(text)) {
            return Checked.fail(CardNumbers.REASON);
        }
        return Checked.ok(text);
    }

    /** ISO 18245 merchant category code. */
    public static Checked<String> mcc(String text) {
        if (text == null) {
            return null;
        }
        return MCC.matcher(text).matches() ? Checked.ok(text) : Checked.fail("must be exactly 4 digits");
    }

    /** ISO 3166-1 alpha-2 country code, upper case. */
    public static Checked<String> country(String text) {
        if (text == null) {
            return null;
        }
        if (!COUNTRY.matcher(text).matches() || !COUNTRIES.contains(text)) {
            return Checked.fail("must be an ISO 3166-1 alpha-2 country code in upper case, such as DE");
        }
        return Checked.ok(text);
    }

    /** An ISO-8601 date-time that states its offset from UTC, such as {@code 2026-11-22T10:15:30+01:00}. */
    public static Checked<OffsetDateTime> dateTimeWithOffset(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Checked.ok(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        } catch (DateTimeParseException notWithOffset) {
            try {
                LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME);
                return Checked.fail("must state its offset from UTC, such as 2026-11-22T10:15:30+01:00 or ...Z");
            } catch (DateTimeParseException notADateTime) {
                return Checked.fail("must be an ISO-8601 date-time with offset, such as 2026-11-22T10:15:30+01:00");
            }
        }
    }

    /** A JSON number literal within {@code [-bound, bound]}, e.g. a latitude. */
    public static Checked<Double> within(String literal, double bound) {
        if (literal == null) {
            return null;
        }
        if (!NUMBER.matcher(literal).matches()) {
            return Checked.fail("must be a number");
        }
        double value = Double.parseDouble(literal);
        if (value < -bound || value > bound) {
            return Checked.fail("must be between " + (long) -bound + " and " + (long) bound);
        }
        return Checked.ok(value);
    }

    /** One of the names of {@code allowed}, exactly as spelled. */
    public static <E extends Enum<E>> Checked<E> oneOf(String text, Set<E> allowed) {
        if (text == null) {
            return null;
        }
        for (E candidate : allowed) {
            if (candidate.name().equals(text)) {
                return Checked.ok(candidate);
            }
        }
        return Checked.fail(
                "must be one of " + allowed.stream().map(Enum::name).sorted().collect(Collectors.joining(", ")));
    }
}
