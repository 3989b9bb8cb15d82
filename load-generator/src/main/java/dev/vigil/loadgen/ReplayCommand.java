package dev.vigil.loadgen;

import dev.vigil.loadgen.replay.CsvMapping;
import dev.vigil.loadgen.replay.CsvRow;
import dev.vigil.loadgen.replay.CsvTransactions;
import dev.vigil.loadgen.replay.ReplayPlan;
import dev.vigil.loadgen.send.Labels;
import dev.vigil.loadgen.send.LatencyRecorder;
import dev.vigil.loadgen.send.Ledger;
import dev.vigil.loadgen.send.OpenLoopSender;
import dev.vigil.loadgen.send.Target;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code replay}: send a CSV of historical transactions, as fast as possible or time-scaled. */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Sends the transactions of a CSV file (header line first) to ingest-service (or straight to Kafka) "
                + "in event-time order, "
                + "keeping their spacing (moved as a block to end now), as fast as possible or time-scaled with --speed; "
                + "rows labelled as fraud get a chargeback after --label-delay. Same report as run.")
final class ReplayCommand implements Callable<Integer> {

    @Mixin
    SendingOptions sending;

    @Option(names = "--csv", required = true, description = "the CSV file")
    Path csv;

    @Option(names = "--speed", defaultValue = "0",
            description = "time scale: 1 replays in real time, 60 a minute per second; 0 as fast as possible (default: ${DEFAULT-VALUE})")
    double speed;

    @Option(names = "--id-column", defaultValue = "id", description = "column of the transaction id (default: ${DEFAULT-VALUE})")
    String idColumn;

    @Option(names = "--timestamp-column", defaultValue = "timestamp",
            description = "column of the event time: ISO-8601, or epoch seconds or milliseconds (default: ${DEFAULT-VALUE})")
    String timestampColumn;

    @Option(names = "--card-column", defaultValue = "card", description = "column of the card or customer id (default: ${DEFAULT-VALUE})")
    String cardColumn;

    @Option(names = "--merchant-column", defaultValue = "merchant", description = "column of the merchant or terminal id (default: ${DEFAULT-VALUE})")
    String merchantColumn;

    @Option(names = "--amount-column", defaultValue = "amount", description = "column of the amount, in major units (default: ${DEFAULT-VALUE})")
    String amountColumn;

    @Option(names = "--label-column", description = "column of the fraud label (1/0, true/false, fraud/genuine, yes/no); none by default")
    String labelColumn;

    @Option(names = "--bank", defaultValue = "bank-replay", description = "bank id of every transaction (default: ${DEFAULT-VALUE})")
    String bank;

    @Option(names = "--currency", defaultValue = "EUR", description = "currency of every amount (default: ${DEFAULT-VALUE})")
    String currency;

    @Option(names = "--mcc", defaultValue = "5999", description = "merchant category of every transaction (default: ${DEFAULT-VALUE})")
    String mcc;

    @Option(names = "--country", defaultValue = "DE", description = "merchant country of every transaction (default: ${DEFAULT-VALUE})")
    String country;

    @Option(names = "--card-present", description = "send them as card-present (default: card-not-present, as no coordinates are known)")
    boolean cardPresent;

    @Option(names = "--id-prefix", description = "put before each file id so reruns do not collide; default: replay-<clock>-")
    String idPrefix;

    @Override
    public Integer call() throws Exception {
        sending.validate();
        if (speed < 0) {
            throw new IllegalArgumentException("--speed must not be negative");
        }
        List<CsvRow> rows = CsvTransactions.read(csv, new CsvMapping(idColumn, timestampColumn, cardColumn,
                merchantColumn, amountColumn, labelColumn));
        String prefix = idPrefix != null ? idPrefix : "replay-" + Long.toString(Instant.now().getEpochSecond(), 36) + "-";
        ReplayPlan plan = new ReplayPlan(prefix, new ReplayPlan.Fields(bank, currency, mcc, country, cardPresent));
        Instant start = Instant.now();
        Duration shift = ReplayPlan.shift(rows, start.minusSeconds(1));
        System.err.printf("replay of %d rows from %s%s to %s%n", rows.size(), csv,
                speed == 0 ? ", as fast as possible" : ", at " + speed + "x", sending.destination());

        LatencyRecorder recorder = new LatencyRecorder();
        Ledger ledger = new Ledger();
        Labels labels;
        Duration elapsed;
        try (Target target = sending.connect()) {
            labels = new Labels(target, sending.labelDelay, sending.genuineLabelShare);
            OpenLoopSender sender = new OpenLoopSender(target, recorder, ledger, labels, sending.maxInFlight);
            Iterator<CsvRow> next = rows.iterator();
            Instant first = rows.isEmpty() ? start : rows.get(0).time();
            sender.run(() -> {
                if (!next.hasNext()) {
                    return null;
                }
                CsvRow row = next.next();
                long intended = speed == 0 ? System.nanoTime()
                        : sender.startNanos() + (long) (Duration.between(first, row.time()).toNanos() / speed);
                return new OpenLoopSender.Scheduled(intended, plan.transaction(row, shift));
            }, System.err);
            elapsed = sender.elapsed();
        }
        Instant from = rows.isEmpty() ? start : rows.get(0).time().plus(shift).minusSeconds(60);
        return Reporting.finish(sending, recorder, labels, ledger.transactions(), List.of(bank), from, elapsed, System.out);
    }
}
