package dev.vigil.features;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * The latest {@value #CAPACITY} event times of a card, oldest first: enough to count a burst of
 * transactions within minutes, bounded so that a busy card's profile stays small. An event older
 * than all kept ones when the ring is full falls out at once.
 */
public final class RecentEventTimes {

    /** Counts over a window saturate at this many earlier transactions. */
    public static final int CAPACITY = 16;

    static final RecentEventTimes NONE = new RecentEventTimes(new long[0]);

    private final long[] epochMillis;

    private RecentEventTimes(long[] sortedEpochMillis) {
        this.epochMillis = sortedEpochMillis;
    }

    /** From stored times; they are sorted, and only the latest {@link #CAPACITY} kept. */
    static RecentEventTimes of(long[] epochMillis) {
        long[] sorted = epochMillis.clone();
        Arrays.sort(sorted);
        return new RecentEventTimes(Arrays.copyOfRange(sorted, Math.max(0, sorted.length - CAPACITY), sorted.length));
    }

    /** These times and {@code eventTime}, in order, dropping the oldest beyond capacity. */
    RecentEventTimes with(Instant eventTime) {
        long[] grown = Arrays.copyOf(epochMillis, epochMillis.length + 1);
        grown[epochMillis.length] = eventTime.toEpochMilli();
        return of(grown);
    }

    /** How many kept times fall in {@code [end - window, end]}; later ones (out-of-order input) do not count. */
    public int countWithin(Instant end, Duration window) {
        long to = end.toEpochMilli();
        long from = to - window.toMillis();
        int count = 0;
        for (long t : epochMillis) {
            if (t >= from && t <= to) {
                count++;
            }
        }
        return count;
    }

    public int size() {
        return epochMillis.length;
    }

    long[] epochMillis() {
        return epochMillis.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecentEventTimes that && Arrays.equals(epochMillis, that.epochMillis);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(epochMillis);
    }

    @Override
    public String toString() {
        return Arrays.toString(epochMillis);
    }
}
