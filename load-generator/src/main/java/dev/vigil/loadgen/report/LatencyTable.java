package dev.vigil.loadgen.report;

import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** The final table of request latencies (microsecond histogram, shown in milliseconds) and errors. */
public final class LatencyTable {

    private static final double[] PERCENTILES = {50, 90, 99, 99.9, 100};

    private LatencyTable() {}

    public static String render(Histogram micros, long accepted, Map<String, Long> errors, double seconds) {
        StringBuilder text = new StringBuilder("requests\n");
        text.append(String.format(
                Locale.ROOT,
                "  answered %d in %.1f s (%.1f/s): accepted %d, errors %d%s%n",
                micros.getTotalCount(),
                seconds,
                micros.getTotalCount() / Math.max(seconds, 1e-3),
                accepted,
                errors.values().stream().mapToLong(Long::longValue).sum(),
                errors.isEmpty() ? "" : " " + errors));
        text.append("  latency from intended send time\n");
        for (double percentile : PERCENTILES) {
            String name = percentile == 100
                    ? "max"
                    : "p" + (percentile % 1 == 0 ? String.valueOf((int) percentile) : percentile);
            text.append(String.format(
                    Locale.ROOT,
                    "  %6s %10.2f ms%n",
                    name,
                    micros.getTotalCount() == 0 ? 0 : micros.getValueAtPercentile(percentile) / 1e3));
        }
        return text.toString();
    }
}
