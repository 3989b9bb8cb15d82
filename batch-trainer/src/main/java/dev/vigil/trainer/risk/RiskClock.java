package dev.vigil.trainer.risk;

import static org.apache.spark.sql.functions.ceil;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.unix_millis;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import org.apache.spark.sql.Column;

/**
 * When merchant risk is evaluated: at reference times {@code anchor + r × interval} (r a whole
 * number, the reference's index), each with risk windows ending {@code labelDelay} before it. The
 * trainer folds each transaction with the risk as of the latest reference at or before it; with the
 * default interval of one day and the epoch as anchor, that is the start of the transaction's UTC day.
 * Indices rather than instants let Spark sum daily (per interval) aggregates instead of joining each
 * transaction to every other one.
 *
 * @param labelDelay how long before a reference time its windows end, so that labels have time to arrive
 * @param interval   the step between reference times; a whole divisor of a day, so risk windows of
 *                   1, 7 and 30 days are whole numbers of intervals
 * @param anchor     a reference time (index 0)
 */
public record RiskClock(Duration labelDelay, Duration interval, Instant anchor) implements Serializable {

    public static final Duration DAY = Duration.ofDays(1);

    public RiskClock {
        if (labelDelay.isNegative()) {
            throw new IllegalArgumentException("the label delay must not be negative: " + labelDelay);
        }
        if (interval.toMillis() <= 0 || DAY.toMillis() % interval.toMillis() != 0) {
            throw new IllegalArgumentException(
                    "the risk interval must divide a day into whole milliseconds: " + interval);
        }
    }

    /** Reference times every {@code interval} from the epoch (UTC midnights for one day). */
    public static RiskClock of(Duration labelDelay, Duration interval) {
        return new RiskClock(labelDelay, interval, Instant.EPOCH);
    }

    /** The same delay and interval with {@code reference} as index 0: to evaluate risk at exactly that time. */
    RiskClock anchoredAt(Instant reference) {
        return new RiskClock(labelDelay, interval, reference);
    }

    /** The same references with windows ending at the reference itself (the common point of purchase's). */
    RiskClock withoutLabelDelay() {
        return new RiskClock(Duration.ZERO, interval, anchor);
    }

    /** Index of the latest reference time at or before {@code time}. */
    Column reference(Column time) {
        return floor(sinceAnchor(time).divide(interval.toMillis()));
    }

    /** {@link #reference(Column)} of one instant, for code outside Spark's columns (the training fold). */
    public long reference(Instant time) {
        return Math.floorDiv(time.toEpochMilli() - anchor.toEpochMilli(), interval.toMillis());
    }

    /**
     * The interval an event falls in, numbered so that reference r's window of w intervals holds
     * exactly the events numbered {@code r - w .. r - 1}: [ref(r) − labelDelay − w × interval, ref(r) − labelDelay).
     */
    Column eventInterval(Column eventTime) {
        return floor(sinceAnchor(eventTime).plus(labelDelay.toMillis()).divide(interval.toMillis()));
    }

    /** Index of the first reference time at or after {@code arrival}: the first that knows a label that arrived then. */
    Column knownFrom(Column arrival) {
        return ceil(sinceAnchor(arrival).divide(interval.toMillis()));
    }

    /** How many intervals make {@code days} days. */
    long intervals(int days) {
        return DAY.toMillis() * days / interval.toMillis();
    }

    Instant at(long reference) {
        return anchor.plusMillis(reference * interval.toMillis());
    }

    private Column sinceAnchor(Column time) {
        return unix_millis(time).minus(anchor.toEpochMilli());
    }
}
