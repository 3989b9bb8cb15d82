package dev.vigil.loadgen.send;

import java.io.PrintStream;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The live progress line: elapsed time, answers per second in the last interval, totals, errors
 * and the interval's latency. Rewritten in place on a terminal, one line every 5 s otherwise.
 */
final class Progress {

    private final LatencyRecorder recorder;
    private final Labels labels;
    private final PrintStream out;
    private final long startNanos;
    private final boolean terminal = System.console() != null;
    private long lastNanos;
    private int ticks;

    Progress(LatencyRecorder recorder, Labels labels, PrintStream out, long startNanos) {
        this.recorder = recorder;
        this.labels = labels;
        this.out = out;
        this.startNanos = startNanos;
        this.lastNanos = startNanos;
    }

    synchronized void print() {
        long now = System.nanoTime();
        Histogram interval = recorder.interval();
        double seconds = Math.max(1e-3, (now - lastNanos) / 1e9);
        lastNanos = now;
        String line = String.format(
                Locale.ROOT,
                "%5.0fs  %7.1f/s  accepted %d  errors %d  labels %d  p50 %.1f ms  p99 %.1f ms  max %.1f ms",
                (now - startNanos) / 1e9,
                interval.getTotalCount() / seconds,
                recorder.accepted(),
                recorder.errorCount(),
                labels.sent(),
                interval.getValueAtPercentile(50) / 1e3,
                interval.getValueAtPercentile(99) / 1e3,
                interval.getMaxValue() / 1e3);
        if (terminal) {
            out.print("\r" + line + "   ");
        } else if (ticks++ % 5 == 0) {
            out.println(line);
        }
        out.flush();
    }

    synchronized void finish() {
        if (terminal) {
            out.println();
        }
    }
}
