package dev.vigil.loadgen;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vigil.loadgen.report.AlertSeen;
import dev.vigil.loadgen.report.AlertsClient;
import dev.vigil.loadgen.report.DetectionReport;
import dev.vigil.loadgen.report.LatencyTable;
import dev.vigil.loadgen.report.SentTransaction;
import dev.vigil.loadgen.send.Labels;
import dev.vigil.loadgen.send.LatencyRecorder;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/** The end of a run or replay: the request table, then the detection report read back from alerts-api. */
final class Reporting {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What {@code --report-json} writes. {@code detection} is {@code null} when {@code detectionSkipped} says why. */
    record Summary(
            long answered,
            long accepted,
            Map<String, Long> errors,
            double p50Ms,
            double p99Ms,
            double maxMs,
            long labelsSent,
            long labelsFailed,
            Map<String, Long> fraudsSent,
            DetectionReport detection,
            String detectionSkipped) {}

    private Reporting() {}

    /** Prints the report and returns the exit code: 1 when ingest accepted nothing, else 0. */
    static int finish(
            SendingOptions options,
            LatencyRecorder recorder,
            Labels labels,
            List<SentTransaction> sent,
            List<String> banks,
            Instant from,
            Duration elapsed,
            PrintStream out)
            throws InterruptedException, IOException {
        Histogram latency = recorder.total();
        out.println();
        out.print(LatencyTable.render(latency, recorder.accepted(), recorder.errors(), elapsed.toMillis() / 1e3));
        out.printf("labels: sent %d, failed %d%n", labels.sent(), labels.failed());
        Map<String, Long> frauds = sent.stream()
                .filter(t -> t.scenario() != null)
                .collect(Collectors.groupingBy(t -> t.scenario().label(), TreeMap::new, Collectors.counting()));
        out.println("frauds sent: " + (frauds.isEmpty() ? "none" : frauds));
        DetectionReport detection = null;
        String skipped = null;
        if (options.alertsUrl == null) {
            skipped = "no --alerts-url given";
        } else {
            try {
                detection = DetectionReport.of(
                        sent,
                        settle(new AlertsClient(options.alertsUrl, options.alertsToken), banks, from, options.settle));
            } catch (AlertsClient.Unavailable e) {
                skipped = e.getMessage();
            }
        }
        out.print(detection != null ? detection.render() : "detection report skipped: " + skipped + "\n");
        if (options.reportJson != null) {
            JSON.writeValue(
                    options.reportJson.toFile(),
                    new Summary(
                            latency.getTotalCount(),
                            recorder.accepted(),
                            recorder.errors(),
                            ms(latency, 50),
                            ms(latency, 99),
                            latency.getMaxValue() / 1e3,
                            labels.sent(),
                            labels.failed(),
                            frauds,
                            detection,
                            skipped));
        }
        return recorder.accepted() == 0 ? 1 : 0;
    }

    /** Reads the alerts until their number stops growing for 3 s, or {@code settle} has passed. */
    private static List<AlertSeen> settle(AlertsClient client, List<String> banks, Instant from, Duration settle)
            throws AlertsClient.Unavailable, InterruptedException {
        long deadline = System.nanoTime() + settle.toNanos();
        List<AlertSeen> alerts = client.alerts(banks, from);
        int unchanged = 0;
        while (unchanged < 3 && System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            List<AlertSeen> again = client.alerts(banks, from);
            unchanged = again.size() == alerts.size() ? unchanged + 1 : 0;
            alerts = again;
        }
        return alerts;
    }

    private static double ms(Histogram micros, double percentile) {
        return micros.getTotalCount() == 0 ? 0 : micros.getValueAtPercentile(percentile) / 1e3;
    }
}
