package dev.vigil.loadgen.send;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latencies (from the intended send time) and outcomes of requests, recorded from any thread:
 * an interval histogram for the live progress line and the whole run's for the final table.
 */
public final class LatencyRecorder {

    /** Up to a minute, three significant digits, in microseconds. */
    private static final long HIGHEST_MICROS = 60_000_000L;

    private final Recorder interval = new Recorder(HIGHEST_MICROS, 3);
    private final Histogram total = new Histogram(HIGHEST_MICROS, 3);
    private final AtomicLong accepted = new AtomicLong();
    private final Map<String, AtomicLong> errors = new TreeMap<>();
    private Histogram recycled;

    /** Records an answered request; {@code outcome} is {@code null} when it was accepted, else what went wrong. */
    public void record(long intendedNanos, long completedNanos, String outcome) {
        interval.recordValue(
                Math.min(HIGHEST_MICROS, OpenLoopSchedule.latencyNanos(intendedNanos, completedNanos) / 1_000));
        if (outcome == null) {
            accepted.incrementAndGet();
        } else {
            synchronized (errors) {
                errors.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
            }
        }
    }

    /** The latencies recorded since the last call (also added to the run's total). */
    public synchronized Histogram interval() {
        recycled = interval.getIntervalHistogram(recycled);
        total.add(recycled);
        return recycled;
    }

    /** Every latency recorded so far, in microseconds. */
    public synchronized Histogram total() {
        interval();
        return total.copy();
    }

    public long accepted() {
        return accepted.get();
    }

    public long errorCount() {
        synchronized (errors) {
            return errors.values().stream().mapToLong(AtomicLong::get).sum();
        }
    }

    /** Failed requests by cause: an HTTP status ({@code "HTTP 503"}) or a transport error's class name. */
    public Map<String, Long> errors() {
        synchronized (errors) {
            Map<String, Long> copy = new TreeMap<>();
            errors.forEach((cause, count) -> copy.put(cause, count.get()));
            return copy;
        }
    }
}
