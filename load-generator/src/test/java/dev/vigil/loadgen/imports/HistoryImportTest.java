package dev.vigil.loadgen.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.loadgen.replay.CsvMapping;
import dev.vigil.loadgen.replay.CsvTransactions;
import dev.vigil.loadgen.replay.ReplayPlan;
import dev.vigil.loadgen.scenario.SimTransaction;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryImportTest {

    static final Instant JAN_1 = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant JAN_2 = JAN_1.plus(Duration.ofDays(1));
    static final Instant JAN_3 = JAN_1.plus(Duration.ofDays(2));
    static final Duration ONE_DAY = Duration.ofDays(1);
    static final Duration ONE_HOUR = Duration.ofHours(1);
    static final CsvMapping MAPPING = new CsvMapping("id", "timestamp", "card", "merchant", "amount", "fraud");
    static final ReplayPlan PLAN = new ReplayPlan("", new ReplayPlan.Fields("bank-a", "EUR", "5999", "DE", false));

    @TempDir
    Path dir;

    private final StringWriter log = new StringWriter();

    /** What a sink received, in order: a transaction at its event time, or a label at its label time. */
    record Written(String kind, String id, Instant time) {}

    static final class ListSink implements HistorySink {
        final List<Written> written = new ArrayList<>();

        @Override
        public void transaction(SimTransaction transaction) {
            written.add(new Written("tx", transaction.transactionId(), transaction.eventTime()));
        }

        @Override
        public void label(SimTransaction transaction, boolean fraud, Instant labelledAt) {
            written.add(new Written(fraud ? "fraud" : "genuine", transaction.transactionId(), labelledAt));
        }
    }

    @Test
    void labelsComeOutMergedInEventTimeAtEventTimePlusTheDelay() throws IOException {
        Path file = write(row("t1", JAN_1, 1)
                + row("t2", JAN_1.plusSeconds(3600), 0)
                + row("t3", JAN_2, 1)
                + row("t4", JAN_2.plusSeconds(1), 0)
                + row("t5", JAN_3, 0));

        ListSink sink = new ListSink();
        ImportSummary summary = run(file, ONE_DAY, 0, Slice.ALL, OnBadRow.STOP, sink);

        assertThat(sink.written)
                .containsExactly(
                        new Written("tx", "t1", JAN_1),
                        new Written("tx", "t2", JAN_1.plusSeconds(3600)),
                        new Written("fraud", "t1", JAN_2),
                        new Written("tx", "t3", JAN_2),
                        new Written("tx", "t4", JAN_2.plusSeconds(1)),
                        new Written("fraud", "t3", JAN_3),
                        new Written("tx", "t5", JAN_3));
        assertThat(summary.transactions()).isEqualTo(5);
        assertThat(summary.labels()).isEqualTo(2);
        assertThat(summary.stoppedAt()).isNull();
    }

    @Test
    void labelsStillWaitingAtTheEndOfTheFileComeOutInLabelTimeOrder() throws IOException {
        Path file = writeWithLabelTimes("t1," + JAN_1 + ",c,m,1,1," + JAN_3 + "\n" + "t2," + JAN_1.plusSeconds(60)
                + ",c,m,1,1," + JAN_2 + "\n");

        ListSink sink = new ListSink();
        run(file, null, 0, Slice.ALL, OnBadRow.STOP, sink, "known");

        assertThat(sink.written)
                .containsExactly(
                        new Written("tx", "t1", JAN_1),
                        new Written("tx", "t2", JAN_1.plusSeconds(60)),
                        new Written("fraud", "t2", JAN_2),
                        new Written("fraud", "t1", JAN_3));
    }

    @Test
    void slicesThatTileTimeAddUpToExactlyTheFullImport() throws IOException {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            // every 17 minutes over 3.5 days, a fraud every 7th; one row exactly on the slice boundary
            Instant time = i == 85 ? JAN_2 : JAN_1.plus(Duration.ofMinutes(17L * i));
            rows.append(row("t" + i, time, i % 7 == 0 ? 1 : 0));
        }
        Path file = write(rows.toString());

        ListSink full = new ListSink();
        ImportSummary all = run(file, Duration.ofHours(30), 0.1, Slice.ALL, OnBadRow.STOP, full);
        List<Written> sliced = new ArrayList<>();
        List<Slice> slices = List.of(new Slice(null, JAN_2), new Slice(JAN_2, JAN_3), new Slice(JAN_3, null));
        long transactions = 0;
        for (Slice slice : slices) {
            ListSink part = new ListSink();
            transactions += run(file, Duration.ofHours(30), 0.1, slice, OnBadRow.STOP, part)
                    .transactions();
            assertThat(part.written)
                    .as("%s holds only its own times", slice)
                    .allSatisfy(w -> assertThat(slice.contains(w.time())).isTrue());
            sliced.addAll(part.written);
        }

        assertThat(all.labels()).as("frauds and the genuine sample").isGreaterThan(300 / 7);
        assertThat(sliced).containsExactlyInAnyOrderElementsOf(full.written);
        assertThat(sliced)
                .as("one slice after another is the full import's time order")
                .isSortedAccordingTo(Comparator.comparing(Written::time));
        assertThat(transactions).isEqualTo(300);
    }

    @Test
    void aBadRowStopsTheImportByDefaultNamingLineAndColumnButNotTheValue() throws IOException {
        Path file = write(row("t1", JAN_1, 1) + "t2," + JAN_1.plusSeconds(60) + ",4111111111111111,m,-371.19,0\n"
                + row("t3", JAN_1.plusSeconds(120), 0));

        ListSink sink = new ListSink();
        ImportSummary summary = run(file, ONE_DAY, 0, Slice.ALL, OnBadRow.STOP, sink);

        assertThat(sink.written).containsExactly(new Written("tx", "t1", JAN_1));
        assertThat(summary.stoppedAt()).endsWith("line 3: column 'amount' must not be negative");
        assertThat(log())
                .contains("line 3: column 'amount' must not be negative")
                // a value no temporary path holds (junit's directories are named junit-<digits>)
                .doesNotContain("4111111111111111", "-371.19");
    }

    @Test
    void skippedBadRowsAreReportedAndCountedAndTheRestIsImported() throws IOException {
        Path file = write(row("t1", JAN_1, 1) + "t2," + JAN_1.plusSeconds(60) + ",c,m,-3,0\n" + "t3,tomorrow,c,m,1,0\n"
                + row("t4", JAN_1.plusSeconds(180), 0));

        ListSink sink = new ListSink();
        ImportSummary summary = run(file, ONE_DAY, 0, Slice.ALL, OnBadRow.SKIP, sink);

        assertThat(sink.written).extracting(Written::id).containsExactly("t1", "t4", "t1");
        assertThat(summary.skipped()).isEqualTo(2);
        assertThat(summary.stoppedAt()).isNull();
        assertThat(log()).contains("line 3: column 'amount'", "line 4: column 'timestamp' is not a time");
    }

    @Test
    void aBadRowCountsInTheSliceOfItsEventTimeOnly() throws IOException {
        Path file = write(row("t1", JAN_1, 0) + "t2," + JAN_2.plusSeconds(60) + ",c,m,-3,0\n" + row("t3", JAN_3, 0));

        ImportSummary first = run(file, ONE_DAY, 0, new Slice(null, JAN_2), OnBadRow.SKIP, new ListSink());
        ImportSummary second = run(file, ONE_DAY, 0, new Slice(JAN_2, null), OnBadRow.SKIP, new ListSink());

        assertThat(first.skipped()).isZero();
        assertThat(second.skipped()).isEqualTo(1);
    }

    @Test
    void roundedAmountsAndZeroAmountsAreImportedAndRoundingIsCounted() throws IOException {
        Path file = write("t1," + JAN_1 + ",c,m,85.64999999999999,0\n" + "t2," + JAN_1.plusSeconds(1) + ",c,m,0,0\n");

        List<SimTransaction> taken = new ArrayList<>();
        HistorySink sink = new HistorySink() {
            @Override
            public void transaction(SimTransaction transaction) {
                taken.add(transaction);
            }

            @Override
            public void label(SimTransaction transaction, boolean fraud, Instant labelledAt) {}
        };
        ImportSummary summary = run(file, ONE_DAY, 0, Slice.ALL, OnBadRow.STOP, sink);

        assertThat(taken).extracting(SimTransaction::amountMinor).containsExactly(8565L, 0L);
        assertThat(summary.rounded()).isEqualTo(1);
        assertThat(summary.line())
                .matches("imported: 2 transactions, 0 labels, 0 skipped, 1 rounded in \\d+\\.\\d s \\(\\d+ rows/s\\)");
    }

    @Test
    void rowsOutOfOrderWithinTheToleranceAreSentInFileOrderWithTheirOwnTimes() throws IOException {
        Path file = write(row("t1", JAN_1.plusSeconds(600), 0)
                + row("t2", JAN_1, 0)
                + row("t3", JAN_1.plus(Duration.ofHours(3)), 0)
                + row("t4", JAN_1.plusSeconds(900), 0));

        ListSink sink = new ListSink();
        ImportSummary summary = run(file, ONE_DAY, 0, Slice.ALL, OnBadRow.SKIP, sink);

        assertThat(sink.written)
                .containsExactly(
                        new Written("tx", "t1", JAN_1.plusSeconds(600)),
                        new Written("tx", "t2", JAN_1),
                        new Written("tx", "t3", JAN_1.plus(Duration.ofHours(3))));
        assertThat(summary.skipped()).as("t4 goes back almost 3 hours").isEqualTo(1);
    }

    @Test
    void theGenuineSampleIsChosenByIdTheSameInEveryRun() throws IOException {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            rows.append(row("t" + i, JAN_1.plusSeconds(i), 0));
        }
        Path file = write(rows.toString());

        ListSink once = new ListSink();
        ListSink again = new ListSink();
        run(file, ONE_HOUR, 0.1, Slice.ALL, OnBadRow.STOP, once);
        run(file, ONE_HOUR, 0.1, Slice.ALL, OnBadRow.STOP, again);

        List<Written> genuine =
                once.written.stream().filter(w -> w.kind().equals("genuine")).toList();
        assertThat(genuine.size()).isBetween(140, 260);
        assertThat(again.written).isEqualTo(once.written);
    }

    @Test
    void onlyLabelsNotYetDueAreHeldSoMemoryDoesNotGrowWithTheFile() {
        ListSink sink = new ListSink();
        EventTimeMerge merge = new EventTimeMerge(Slice.ALL, sink);
        int most = 0;
        for (int i = 0; i < 20_000; i++) {
            Instant time = JAN_1.plus(Duration.ofMinutes(i));
            merge.take(transaction("t" + i, time), time.plus(ONE_HOUR));
            most = Math.max(most, merge.waiting());
        }
        merge.finish();

        assertThat(most).as("an hour of labels at one a minute").isLessThanOrEqualTo(61);
        assertThat(merge.labels()).isEqualTo(20_000);
    }

    @Test
    void aSliceEndingBeforeItsStartIsRefused() {
        assertThatThrownBy(() -> new Slice(JAN_2, JAN_1)).hasMessageContaining("--from must be before --until");
    }

    private ImportSummary run(
            Path file, Duration delay, double genuineShare, Slice slice, OnBadRow onBadRow, HistorySink sink)
            throws IOException {
        return run(file, delay, genuineShare, slice, onBadRow, sink, null);
    }

    private ImportSummary run(
            Path file,
            Duration delay,
            double genuineShare,
            Slice slice,
            OnBadRow onBadRow,
            HistorySink sink,
            String labelTimeColumn)
            throws IOException {
        CsvMapping mapping = new CsvMapping(
                MAPPING.id(),
                MAPPING.timestamp(),
                MAPPING.card(),
                MAPPING.merchant(),
                MAPPING.amount(),
                MAPPING.label(),
                labelTimeColumn);
        HistoryImport history =
                new HistoryImport(PLAN, delay, genuineShare, slice, onBadRow, ONE_HOUR, new PrintWriter(log, true));
        try (CsvTransactions rows = CsvTransactions.open(file, mapping, 2, ONE_HOUR)) {
            return history.run(rows, sink);
        }
    }

    private static SimTransaction transaction(String id, Instant time) {
        return new SimTransaction(
                id,
                "bank-a",
                "4999990000000001",
                100,
                "EUR",
                "m",
                "5999",
                "DE",
                false,
                null,
                null,
                time,
                dev.vigil.loadgen.scenario.Scenario.LABELLED);
    }

    private static String row(String id, Instant time, int fraud) {
        return id + "," + time + ",c-" + id.hashCode() % 5 + ",m,12.50," + fraud + "\n";
    }

    private Path write(String rows) throws IOException {
        return Files.writeString(
                Files.createTempFile(dir, "history", ".csv"), "id,timestamp,card,merchant,amount,fraud\n" + rows);
    }

    private Path writeWithLabelTimes(String rows) throws IOException {
        return Files.writeString(
                Files.createTempFile(dir, "history", ".csv"), "id,timestamp,card,merchant,amount,fraud,known\n" + rows);
    }

    private String log() {
        return log.toString();
    }
}
