package dev.vigil.loadgen.scores;

import dev.vigil.events.TransactionScore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * Event-to-score latency and throughput of one engine over one step: the scores of the transactions
 * received in {@code [from, to)}, each timed from {@code receivedAt} (when the transaction was
 * produced) to {@code scoredAt} (when the engine scored it). Every engine stamps both the same way
 * ({@code Verdict.scoreRecord}), so the figures of two engines compare.
 */
public final class ScoreLatency {

    private final Instant from;
    private final Instant to;
    private final Histogram millis = new Histogram(3_600_000L, 3);
    private final Set<String> seen = new HashSet<>();
    private long duplicates;
    private Instant lastScored;

    public ScoreLatency(Instant from, Instant to) {
        this.from = from;
        this.to = to;
    }

    /** Counts the score if its transaction was received in the step; returns whether it was. */
    public boolean add(TransactionScore score) {
        Instant received = score.getReceivedAt();
        if (received.isBefore(from) || !received.isBefore(to)) {
            return false;
        }
        if (!seen.add(score.getBankId() + "|" + score.getTransactionId())) {
            duplicates++;
            return true;
        }
        Instant scored = score.getScoredAt();
        // a clock behind the producer's would give a negative time: count it as zero
        millis.recordValue(Math.max(0, Duration.between(received, scored).toMillis()));
        lastScored = lastScored == null || scored.isAfter(lastScored) ? scored : lastScored;
        return true;
    }

    /** Distinct transactions of the step scored so far. */
    public long scored() {
        return seen.size();
    }

    public Result result() {
        long n = millis.getTotalCount();
        double seconds =
                n == 0 ? Double.NaN : Duration.between(from, lastScored).toMillis() / 1e3;
        return new Result(
                n,
                duplicates,
                n == 0 ? Double.NaN : Math.round(n / seconds * 10) / 10.0,
                quantile(50),
                quantile(99),
                quantile(99.9),
                n == 0 ? Double.NaN : millis.getMaxValue());
    }

    private double quantile(double percentile) {
        return millis.getTotalCount() == 0 ? Double.NaN : millis.getValueAtPercentile(percentile);
    }

    /**
     * @param throughput the step's transactions scored per second, from the step's start until its last
     *                   transaction was scored: the offered rate less the last score's delay for an engine
     *                   that keeps up, lower for one that falls behind
     */
    public record Result(
            long scored, long duplicates, double throughput, double p50Ms, double p99Ms, double p999Ms, double maxMs) {}
}
