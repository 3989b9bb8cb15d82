package dev.vigil.loadgen;

import dev.vigil.loadgen.replay.CsvRow;
import dev.vigil.loadgen.replay.CsvTransactions;
import dev.vigil.loadgen.replay.ReplayPlan;
import dev.vigil.loadgen.send.Labels;
import dev.vigil.loadgen.send.LatencyRecorder;
import dev.vigil.loadgen.send.Ledger;
import dev.vigil.loadgen.send.OpenLoopSender;
import dev.vigil.loadgen.send.Target;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code replay}: send a CSV of historical transactions, as fast as possible or time-scaled. */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description =
                "Sends the transactions of a CSV file (header line first) to ingest-service (or straight to Kafka) "
                        + "in file order (expected in event-time order), "
                        + "keeping their spacing (moved as a block to end now: at most 6 days of it; months of history go "
                        + "through import), as fast as possible or time-scaled with --speed; "
                        + "rows labelled as fraud get a chargeback after --label-delay. Same report as run.")
final class ReplayCommand implements Callable<Integer> {

    @Mixin
    SendingOptions sending;

    @Mixin
    CsvOptions file;

    @Option(
            names = "--speed",
            defaultValue = "0",
            description =
                    "time scale: 1 replays in real time, 60 a minute per second; 0 as fast as possible (default: ${DEFAULT-VALUE})")
    double speed;

    @Option(
            names = "--id-prefix",
            description = "put before each file id so reruns do not collide; default: replay-<clock>-")
    String idPrefix;

    @Override
    public Integer call() throws Exception {
        sending.validate();
        if (speed < 0) {
            throw new IllegalArgumentException("--speed must not be negative");
        }
        String prefix = idPrefix != null
                ? idPrefix
                : "replay-" + Long.toString(Instant.now().getEpochSecond(), 36) + "-";
        ReplayPlan plan = file.plan(prefix);
        // a first pass for the span, so the rows need not be held: the shift must be known before the first is sent
        Instant first = null;
        Instant last = null;
        long count = 0;
        try (CsvTransactions rows = file.open(null)) {
            for (CsvRow row = rows.next(); row != null; row = rows.next(), count++) {
                first = first == null || row.time().isBefore(first) ? row.time() : first;
                last = last == null || row.time().isAfter(last) ? row.time() : last;
            }
        }
        Instant start = Instant.now();
        Duration shift = count == 0 ? Duration.ZERO : ReplayPlan.shift(first, last, start.minusSeconds(1));
        System.err.printf(
                "replay of %d rows from %s%s to %s%n",
                count, file.csv, speed == 0 ? ", as fast as possible" : ", at " + speed + "x", sending.destination());

        LatencyRecorder recorder = new LatencyRecorder();
        Ledger ledger = new Ledger();
        Labels labels;
        Duration elapsed;
        try (Target target = sending.connect()) {
            labels = new Labels(target, sending.labelDelay, sending.genuineLabelShare);
            OpenLoopSender sender = new OpenLoopSender(target, recorder, ledger, labels, sending.maxInFlight);
            Instant firstTime = first == null ? start : first;
            try (CsvTransactions rows = file.open(null)) {
                sender.run(
                        () -> {
                            CsvRow row = nextRow(rows);
                            if (row == null) {
                                return null;
                            }
                            long intended = speed == 0
                                    ? System.nanoTime()
                                    : sender.startNanos()
                                            + (long) (Duration.between(firstTime, row.time())
                                                            .toNanos()
                                                    / speed);
                            return new OpenLoopSender.Scheduled(intended, plan.transaction(row, shift));
                        },
                        System.err);
            }
            elapsed = sender.elapsed();
        }
        Instant from = first == null ? start : first.plus(shift).minusSeconds(60);
        return Reporting.finish(
                sending, recorder, labels, ledger.transactions(), List.of(file.bank), from, elapsed, System.out);
    }

    private static CsvRow nextRow(CsvTransactions rows) {
        try {
            return rows.next();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
