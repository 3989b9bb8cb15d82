package dev.vigil.loadgen;

import dev.vigil.cli.DurationConverter;
import dev.vigil.loadgen.kafka.KafkaTarget;
import dev.vigil.loadgen.send.IngestClient;
import dev.vigil.loadgen.send.IngestTokens;
import dev.vigil.loadgen.send.Target;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What {@code run} and {@code replay} share: where to send, where to read alerts back, ground truth. */
final class SendingOptions {

    enum TargetKind {
        HTTP,
        KAFKA
    }

    @Option(
            names = "--target",
            defaultValue = "http",
            description = "where to send: http (ingest-service's REST API) or kafka (straight to the transactions and "
                    + "transaction-labels topics, the records ingest would write, for benchmarks without HTTP; needs "
                    + "--pan-token-key); latency is then to the broker's acknowledgement (default: ${DEFAULT-VALUE})")
    TargetKind target;

    @Option(
            names = "--ingest-url",
            defaultValue = "http://127.0.0.1:8080",
            description = "ingest-service base URL, for --target http (default: ${DEFAULT-VALUE})")
    String ingestUrl;

    @Option(
            names = "--ingest-token",
            split = ",",
            defaultValue = "${env:VIGIL_INGEST_TOKEN}",
            description = "for --target http: a sender token of ingest-service per bank sent for (./vigil token --bank "
                    + "bank-a --role sender), repeated or comma-separated; each request carries its bank's token. Default: "
                    + "the VIGIL_INGEST_TOKEN environment variable; never printed")
    List<String> ingestTokens;

    @Mixin
    KafkaOptions kafka;

    @Option(
            names = "--alerts-url",
            description =
                    "alerts-api base URL, to read the alerts back for the detection report (e.g. http://127.0.0.1:8082); "
                            + "without it the report only counts what was sent")
    String alertsUrl;

    @Option(
            names = "--alerts-token",
            defaultValue = "${env:VIGIL_ALERTS_TOKEN}",
            description = "bearer token for alerts-api (default: the VIGIL_ALERTS_TOKEN environment variable)")
    String alertsToken;

    @Option(
            names = "--label-delay",
            defaultValue = "5s",
            converter = DurationConverter.class,
            description = "how long after a fraud its chargeback label is sent (default: ${DEFAULT-VALUE})")
    Duration labelDelay;

    @Option(
            names = "--genuine-label-share",
            defaultValue = "0",
            description =
                    "share of genuine transactions that also get a label (GENUINE, from the cardholder), 0 to 1 (default: ${DEFAULT-VALUE})")
    double genuineLabelShare;

    @Option(
            names = "--max-in-flight",
            defaultValue = "256",
            description =
                    "most requests awaiting an answer at once; waiting for a slot counts in the latency (default: ${DEFAULT-VALUE})")
    int maxInFlight;

    @Option(
            names = "--settle",
            defaultValue = "15s",
            converter = DurationConverter.class,
            description =
                    "how long to wait, at most, for the last alerts to be stored before reporting (default: ${DEFAULT-VALUE})")
    Duration settle;

    @Option(names = "--report-json", description = "also write the report to this file as JSON")
    Path reportJson;

    void validate() {
        if (target == TargetKind.KAFKA) {
            kafka.requireKey("--target kafka");
        }
        if (maxInFlight < 1 || maxInFlight > 10_000) {
            throw new IllegalArgumentException("--max-in-flight must be between 1 and 10000");
        }
        if (genuineLabelShare < 0 || genuineLabelShare > 1) {
            throw new IllegalArgumentException("--genuine-label-share must be between 0 and 1");
        }
        if (labelDelay.isNegative() || labelDelay.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException(
                    "--label-delay must be between 0 and 10m: the tool waits for the last labels");
        }
    }

    /** The target the options name, connected; the caller closes it. */
    Target connect() {
        return target == TargetKind.KAFKA
                ? KafkaTarget.connect(kafka.bootstrapServers, kafka.registryUrl, kafka.panTokenKey)
                : new IngestClient(ingestUrl, IngestTokens.of(ingestTokens == null ? List.of() : ingestTokens));
    }

    /** Where records go, for the first progress line. */
    String destination() {
        return target == TargetKind.KAFKA ? "Kafka at " + kafka.bootstrapServers : ingestUrl;
    }
}
