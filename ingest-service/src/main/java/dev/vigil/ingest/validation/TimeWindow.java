package dev.vigil.ingest.validation;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How far from the server's clock a sender's timestamp may be: a little in the future (clock
 * skew), more in the past (late delivery, retries after an outage).
 */
public record TimeWindow(Duration maxAhead, Duration maxBehind) {

    public TimeWindow {
        Objects.requireNonNull(maxAhead, "maxAhead");
        Objects.requireNonNull(maxBehind, "maxBehind");
        if (maxAhead.isNegative() || maxBehind.isNegative()) {
            throw new IllegalArgumentException("time window bounds must not be negative");
        }
    }

    /** {@code time} if it lies in the window around {@code now}, else why not. */
    public Checked<Instant> check(Instant time, Instant now) {
        if (time == null) {
            return null;
        }
        if (time.isAfter(now.plus(maxAhead))) {
            return Checked.fail("is more than " + describe(maxAhead) + " in the future");
        }
        if (time.isBefore(now.minus(maxBehind))) {
            return Checked.fail("is more than " + describe(maxBehind) + " in the past");
        }
        return Checked.ok(time);
    }

    /** "5 minutes", "7 days": the largest whole unit, so error messages read naturally. */
    static String describe(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds != 0 && seconds % 86_400 == 0) {
            return plural(seconds / 86_400, "day");
        }
        if (seconds != 0 && seconds % 3_600 == 0) {
            return plural(seconds / 3_600, "hour");
        }
        if (seconds != 0 && seconds % 60 == 0) {
            return plural(seconds / 60, "minute");
        }
        return plural(seconds, "second");
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }
}
