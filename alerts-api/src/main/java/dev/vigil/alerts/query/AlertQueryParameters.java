package dev.vigil.alerts.query;

import dev.vigil.alerts.http.ProblemException;
import dev.vigil.problems.FieldError;
import dev.vigil.problems.Problem;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The query parameters of {@code GET /api/v1/alerts} as they arrive (strings, absent as null),
 * checked all at once: every bad one is named in a single 400 answer, with no value echoed.
 */
record AlertQueryParameters(
        String bankId,
        String status,
        String cardToken,
        String merchantId,
        String from,
        String to,
        String minScore,
        String limit,
        String cursor) {

    static final int MAX_TEXT_LENGTH = 128;

    AlertFilter toFilter(int defaultLimit, int maxLimit) {
        List<FieldError> errors = new ArrayList<>();
        String bank = text("bankId", bankId, errors);
        String card = text("cardToken", cardToken, errors);
        String merchant = text("merchantId", merchantId, errors);
        AlertStatus parsedStatus = parse(
                "status",
                status,
                errors,
                value -> AlertStatus.valueOf(value.toUpperCase(Locale.ROOT)),
                "must be one of " + Arrays.toString(AlertStatus.values()));
        Instant fromTime = parse(
                "from",
                from,
                errors,
                AlertQueryParameters::instant,
                "must be an ISO-8601 instant with a zone, e.g. 2026-11-22T09:15:30Z");
        Instant toTime = parse(
                "to",
                to,
                errors,
                AlertQueryParameters::instant,
                "must be an ISO-8601 instant with a zone, e.g. 2026-11-22T09:15:30Z");
        if (fromTime != null && toTime != null && !fromTime.isBefore(toTime)) {
            errors.add(new FieldError("to", "must be after from"));
        }
        Double score = parse("minScore", minScore, errors, AlertQueryParameters::score, "must be a number from 0 to 1");
        Integer size = parse(
                "limit",
                limit,
                errors,
                value -> limit(value, maxLimit),
                "must be a whole number from 1 to " + maxLimit);
        Cursor after = parse(
                "cursor",
                cursor,
                errors,
                value -> Cursor.decode(value).orElseThrow(IllegalArgumentException::new),
                "is not a cursor this API returned");
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid(errors));
        }
        return new AlertFilter(
                bank, parsedStatus, card, merchant, fromTime, toTime, score, after, size == null ? defaultLimit : size);
    }

    /** What {@code GET /api/v1/alerts/counts} counts: a bank (or all) over an event-time window. */
    record CountFilter(String bankId, Instant from, Instant to) {}

    static final Duration DEFAULT_COUNT_WINDOW = Duration.ofDays(30);
    static final Duration MAX_COUNT_WINDOW = Duration.ofDays(366);

    /** The window defaults to the 30 days before {@code to}, itself defaulting to now; at most 366 days. */
    static CountFilter countFilter(String bankId, String from, String to, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        String bank = text("bankId", bankId, errors);
        String zoned = "must be an ISO-8601 instant with a zone, e.g. 2026-11-22T09:15:30Z";
        Instant fromTime = parse("from", from, errors, AlertQueryParameters::instant, zoned);
        Instant toTime = parse("to", to, errors, AlertQueryParameters::instant, zoned);
        if (errors.isEmpty()) {
            toTime = toTime == null ? now : toTime;
            fromTime = fromTime == null ? toTime.minus(DEFAULT_COUNT_WINDOW) : fromTime;
            if (!fromTime.isBefore(toTime)) {
                errors.add(new FieldError("to", "must be after from"));
            } else if (Duration.between(fromTime, toTime).compareTo(MAX_COUNT_WINDOW) > 0) {
                errors.add(new FieldError("from", "must be at most 366 days before to"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid(errors));
        }
        return new CountFilter(bank, fromTime, toTime);
    }

    private static String text(String name, String value, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        if (value.isBlank() || value.length() > MAX_TEXT_LENGTH) {
            errors.add(new FieldError(name, "must be 1 to " + MAX_TEXT_LENGTH + " characters"));
            return null;
        }
        return value;
    }

    private static <T> T parse(
            String name, String value, List<FieldError> errors, Function<String, T> parser, String reason) {
        if (value == null) {
            return null;
        }
        try {
            return parser.apply(value.strip());
        } catch (IllegalArgumentException | DateTimeParseException e) {
            errors.add(new FieldError(name, reason));
            return null;
        }
    }

    private static Instant instant(String value) {
        return OffsetDateTime.parse(value).toInstant();
    }

    private static Double score(String value) {
        double score = Double.parseDouble(value);
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("out of range");
        }
        return score;
    }

    private static Integer limit(String value, int max) {
        int limit = Integer.parseInt(value);
        if (limit < 1 || limit > max) {
            throw new IllegalArgumentException("out of range");
        }
        return limit;
    }
}
