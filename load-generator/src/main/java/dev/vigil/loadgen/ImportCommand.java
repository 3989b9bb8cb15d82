package dev.vigil.loadgen;

import dev.vigil.cli.DurationConverter;
import dev.vigil.loadgen.imports.HistoryImport;
import dev.vigil.loadgen.imports.ImportSummary;
import dev.vigil.loadgen.imports.KafkaHistorySink;
import dev.vigil.loadgen.imports.OnBadRow;
import dev.vigil.loadgen.imports.Slice;
import dev.vigil.loadgen.kafka.KafkaTarget;
import dev.vigil.loadgen.replay.CsvTransactions;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code import}: history from a CSV straight to Kafka, in its own event time. */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Imports historical transactions and their labels from a CSV file (header line first, in "
                    + "event-time order) straight to Kafka: the Transaction and TransactionLabel records ingest-service "
                    + "writes, keeping the file's event times (Kafka timestamp and receivedAt = event time), with each "
                    + "label at its own label time, in one event-time merge. The trusted operator's bulk path for months "
                    + "of history: live ingest keeps its 7-day window.",
            "Prints progress on standard error and, last, one line on standard output: imported: <N> transactions, "
                    + "<M> labels, <K> skipped, <R> rounded in <S> s (<X> rows/s). Exit status 0; 1 when stopped at a bad "
                    + "row or Kafka did not take every record; 2 on bad options."
        })
final class ImportCommand implements Callable<Integer> {

    /** How long the last records may take to be acknowledged: the producer's delivery timeout and some. */
    private static final Duration ANSWERS_WITHIN = Duration.ofSeconds(45);

    @Spec
    CommandSpec spec;

    @Mixin
    CsvOptions file;

    @Mixin
    KafkaOptions kafka;

    @Option(
            names = "--label-time-column",
            description = "column of the time each label became known (a chargeback's arrival); a fraud row needs one. "
                    + "Instead of --label-delay")
    String labelTimeColumn;

    @Option(
            names = "--label-delay",
            converter = DurationConverter.class,
            description = "label time = event time + this, in event time (e.g. 7d); instead of --label-time-column "
                    + "(default without either: 7d)")
    Duration labelDelay;

    @Option(
            names = "--genuine-label-share",
            defaultValue = "0",
            description = "share of genuine rows that also get a label (GENUINE, from the cardholder) at their label "
                    + "time, chosen by transaction id, 0 to 1 (default: ${DEFAULT-VALUE})")
    double genuineLabelShare;

    @Option(
            names = "--from",
            description = "import only transactions with event time, and labels with label time, at or "
                    + "after this ISO instant (e.g. 2018-04-01T00:00:00Z)")
    String from;

    @Option(
            names = "--until",
            description = "... and before this ISO instant; slices that tile time add up to one full import")
    String until;

    @Option(
            names = "--on-bad-row",
            defaultValue = "stop",
            description = "stop or skip at a row that cannot be taken (reported by file, line and column, never the "
                    + "value) (default: ${DEFAULT-VALUE}: a bad row usually means a wrong mapping)")
    OnBadRow onBadRow;

    @Option(
            names = "--id-prefix",
            defaultValue = "",
            description = "put before each file id (default: none, the file's ids are kept so results join on them)")
    String idPrefix;

    @Override
    public Integer call() throws Exception {
        kafka.requireKey("import");
        if (labelTimeColumn != null && labelDelay != null) {
            throw new IllegalArgumentException("give --label-time-column or --label-delay, not both");
        }
        if (labelTimeColumn != null && file.labelColumn == null) {
            throw new IllegalArgumentException("--label-time-column needs --label-column (which rows are fraud)");
        }
        Duration delay = labelTimeColumn != null ? null : labelDelay != null ? labelDelay : Duration.ofDays(7);
        Slice slice = new Slice(instant(from, "--from"), instant(until, "--until"));
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        HistoryImport history = new HistoryImport(
                file.plan(idPrefix), delay, genuineLabelShare, slice, onBadRow, file.maxOutOfOrder, err);
        long start = System.nanoTime();
        try (CsvTransactions rows = file.open(labelTimeColumn);
                KafkaTarget target = KafkaTarget.connect(
                        kafka.bootstrapServers, kafka.registryUrl, kafka.panTokenKey, KafkaTarget.Mode.HISTORY)) {
            err.printf(
                    "import of %s to Kafka at %s%s%n",
                    file.csv,
                    kafka.bootstrapServers,
                    from == null && until == null
                            ? ""
                            : ", event times in [" + (from == null ? "start" : from) + ", "
                                    + (until == null ? "end" : until) + ")");
            KafkaHistorySink sink = new KafkaHistorySink(target);
            ImportSummary summary = history.run(rows, sink);
            long unanswered = sink.awaitAnswers(ANSWERS_WITHIN);
            summary = summary.took((System.nanoTime() - start) / 1e9);
            boolean lost = unanswered > 0 || sink.failed() > 0;
            if (lost) {
                err.printf(
                        "Kafka did not take %d records (first cause: %s) and %d are unanswered: import again "
                                + "(records carry stable ids)%n",
                        sink.failed(), sink.firstFailure(), unanswered);
            }
            out.println(summary.line());
            out.flush();
            err.flush();
            return summary.stoppedAt() != null || lost ? 1 : 0;
        }
    }

    private static Instant instant(String text, String option) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " must be an ISO instant such as 2018-04-01T00:00:00Z");
        }
    }
}
