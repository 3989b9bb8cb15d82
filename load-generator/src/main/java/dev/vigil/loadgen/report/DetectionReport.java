package dev.vigil.loadgen.report;

import dev.vigil.loadgen.scenario.Scenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * How well the pipeline caught the run's frauds: per scenario that sent any, frauds sent, alerted and recall;
 * overall precision (alerted frauds over alerts) and alert rate (alerts over transactions); and
 * the latency from sending a transaction to its alert being stored; and the share of alerts each
 * reason raised (an alert is credited to its strongest reason, so the shares add up to the whole).
 * Only alerts on the run's own transactions count.
 */
public record DetectionReport(
        List<Row> scenarios,
        long transactions,
        long frauds,
        long alerts,
        long alertedFrauds,
        double precision,
        double alertRate,
        Latency alertLatency,
        List<ReasonShare> reasons) {

    public record Row(String scenario, long sent, long alerted, double recall) {}

    /** Alerts whose strongest reason was {@code reason}, and how many of them were frauds. */
    public record ReasonShare(String reason, long alerts, long frauds, double share) {}

    /** Alert latency percentiles in milliseconds; all zero when there were no alerts. */
    public record Latency(long count, double p50, double p90, double p99, double max) {}

    public static DetectionReport of(List<SentTransaction> sent, List<AlertSeen> alertsSeen) {
        Map<String, SentTransaction> byId = new HashMap<>();
        sent.forEach(t -> byId.put(t.transactionId(), t));
        Set<String> alerted = new HashSet<>();
        Histogram latency = new Histogram(3);
        Map<String, long[]> byReason = new TreeMap<>();
        for (AlertSeen alert : alertsSeen) {
            SentTransaction transaction = byId.get(alert.transactionId());
            if (transaction != null && alerted.add(alert.transactionId())) {
                if (transaction.sentAt() != null) {
                    latency.recordValue(Math.max(
                            0,
                            Duration.between(transaction.sentAt(), alert.createdAt())
                                    .toMillis()));
                }
                long[] counts = byReason.computeIfAbsent(alert.topReason(), reason -> new long[2]);
                counts[0]++;
                counts[1] += transaction.scenario() != null ? 1 : 0;
            }
        }
        List<ReasonShare> reasons = new ArrayList<>();
        byReason.forEach((reason, counts) ->
                reasons.add(new ReasonShare(reason, counts[0], counts[1], ratio(counts[0], alerted.size()))));
        reasons.sort(Comparator.comparingLong(ReasonShare::alerts).reversed());
        List<Row> rows = new ArrayList<>();
        long frauds = 0;
        long alertedFrauds = 0;
        for (Scenario scenario : Scenario.values()) {
            long count = sent.stream().filter(t -> t.scenario() == scenario).count();
            if (count == 0) {
                continue;
            }
            long caught = sent.stream()
                    .filter(t -> t.scenario() == scenario && alerted.contains(t.transactionId()))
                    .count();
            rows.add(new Row(scenario.label(), count, caught, ratio(caught, count)));
            frauds += count;
            alertedFrauds += caught;
        }
        return new DetectionReport(
                rows,
                sent.size(),
                frauds,
                alerted.size(),
                alertedFrauds,
                ratio(alertedFrauds, alerted.size()),
                ratio(alerted.size(), sent.size()),
                latency(latency),
                List.copyOf(reasons));
    }

    private static double ratio(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }

    private static Latency latency(Histogram h) {
        if (h.getTotalCount() == 0) {
            return new Latency(0, 0, 0, 0, 0);
        }
        return new Latency(
                h.getTotalCount(),
                h.getValueAtPercentile(50),
                h.getValueAtPercentile(90),
                h.getValueAtPercentile(99),
                h.getMaxValue());
    }

    /** The report as a table for the console. */
    public String render() {
        StringBuilder text = new StringBuilder("detection\n");
        text.append(String.format(Locale.ROOT, "  %-22s %8s %8s %8s%n", "scenario", "frauds", "alerted", "recall"));
        for (Row row : scenarios) {
            text.append(String.format(
                    Locale.ROOT,
                    "  %-22s %8d %8d %7.1f%%%n",
                    row.scenario(),
                    row.sent(),
                    row.alerted(),
                    100 * row.recall()));
        }
        text.append(String.format(
                Locale.ROOT,
                "  %-22s %8d %8d %7.1f%%%n",
                "all frauds",
                frauds,
                alertedFrauds,
                100 * ratio(alertedFrauds, frauds)));
        text.append(String.format(
                Locale.ROOT,
                "  transactions %d, alerts %d: precision %.1f%%, alert rate %.2f%%%n",
                transactions,
                alerts,
                100 * precision,
                100 * alertRate));
        if (alertLatency.count() > 0) {
            text.append(String.format(
                    Locale.ROOT,
                    "  alert latency (sent to stored, %d alerts): p50 %.0f ms  p90 %.0f ms  "
                            + "p99 %.0f ms  max %.0f ms%n",
                    alertLatency.count(),
                    alertLatency.p50(),
                    alertLatency.p90(),
                    alertLatency.p99(),
                    alertLatency.max()));
        }
        if (!reasons.isEmpty()) {
            text.append(String.format(
                    Locale.ROOT, "  %-26s %8s %8s %8s%n", "alerts by strongest reason", "alerts", "share", "frauds"));
            for (ReasonShare reason : reasons) {
                text.append(String.format(
                        Locale.ROOT,
                        "  %-26s %8d %7.1f%% %8d%n",
                        reason.reason(),
                        reason.alerts(),
                        100 * reason.share(),
                        reason.frauds()));
            }
        }
        return text.toString();
    }
}
