package dev.vigil.loadgen.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.loadgen.population.Luhn;
import dev.vigil.loadgen.scenario.Scenario;
import dev.vigil.loadgen.scenario.SimTransaction;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTransactionsTest {

    static final CsvMapping SAMPLE_MAPPING =
            new CsvMapping("tx_id", "event_time", "customer", "terminal", "amount", "is_fraud");
    static final int EUR_DECIMALS = 2;
    static final Duration ONE_HOUR = Duration.ofHours(1);

    @TempDir
    Path dir;

    static Path sample() throws URISyntaxException {
        return Path.of(CsvTransactionsTest.class
                .getResource("/sample-transactions.csv")
                .toURI());
    }

    /** Every row of a file, failing at the first bad one. */
    static List<CsvRow> readAll(Path file, CsvMapping mapping) throws IOException {
        List<CsvRow> rows = new ArrayList<>();
        try (CsvTransactions reader = CsvTransactions.open(file, mapping, EUR_DECIMALS, ONE_HOUR)) {
            for (CsvRow row = reader.next(); row != null; row = reader.next()) {
                rows.add(row);
            }
        }
        return rows;
    }

    @Test
    void readsTheSampleInEventTimeOrderWithItsLabels() throws Exception {
        List<CsvRow> rows = readAll(sample(), SAMPLE_MAPPING);

        assertThat(rows).hasSize(40);
        assertThat(rows).isSortedAccordingTo(Comparator.comparing(CsvRow::time));
        assertThat(rows.get(0))
                .isEqualTo(new CsvRow(
                        2, "h0000", Instant.parse("2025-03-14T08:05:38Z"), "C005", "T12", 6754, false, null, false));
        assertThat(rows)
                .filteredOn(row -> row.fraud())
                .extracting(CsvRow::id)
                .containsExactly("h0011", "h0023", "h0024", "h0037");
    }

    @Test
    void replayKeepsTheSpacingEndingAtTheGivenInstantWithStableValidCards() throws Exception {
        List<CsvRow> rows = readAll(sample(), SAMPLE_MAPPING);
        Instant end = Instant.parse("2026-11-23T10:00:00Z");
        ReplayPlan plan = new ReplayPlan("r1-", new ReplayPlan.Fields("bank-replay", "EUR", "5999", "DE", false));

        Duration shift =
                ReplayPlan.shift(rows.get(0).time(), rows.get(rows.size() - 1).time(), end);
        List<SimTransaction> sent =
                rows.stream().map(row -> plan.transaction(row, shift)).toList();

        assertThat(sent.get(sent.size() - 1).eventTime()).isEqualTo(end);
        assertThat(Duration.between(sent.get(0).eventTime(), sent.get(1).eventTime()))
                .isEqualTo(Duration.between(rows.get(0).time(), rows.get(1).time()));
        assertThat(sent).allSatisfy(t -> assertThat(Luhn.isValid(t.pan())).isTrue());
        assertThat(sent)
                .filteredOn(t -> t.transactionId().equals("r1-h0011"))
                .singleElement()
                .satisfies(t -> assertThat(t.scenario()).isEqualTo(Scenario.LABELLED));
        assertThat(ReplayPlan.panFor("C005"))
                .isEqualTo(ReplayPlan.panFor("C005"))
                .isNotEqualTo(ReplayPlan.panFor("C006"));
    }

    @Test
    void aMissingColumnIsNamedWithItsOptionAndTheHeaderShown() {
        CsvMapping defaults = new CsvMapping("id", "timestamp", "card", "merchant", "amount", null, "label_time");

        assertThatThrownBy(() -> readAll(sample(), defaults))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column 'id' (--id-column)")
                .hasMessageContaining("column 'card' (--card-column)")
                .hasMessageContaining("column 'label_time' (--label-time-column)")
                .hasMessageContaining("the header has: tx_id, event_time, customer, terminal, amount, is_fraud");
    }

    @Test
    void aBadValueNamesTheLineAndColumnWithoutEchoingIt() throws IOException {
        Path file = write("id,timestamp,card,merchant,amount\n"
                + "a,2026-01-01T00:00:00Z,4111111111111111,m,1.00\n"
                + "b,2026-01-01T00:01:00Z,4111111111111111,m,-12.34\n");

        assertThatThrownBy(() -> readAll(file, mapping()))
                .isInstanceOf(BadRow.class)
                .hasMessageEndingWith("line 3: column 'amount' must not be negative")
                .hasMessageNotContaining("4111111111111111")
                .hasMessageNotContaining("12.34");
    }

    @Test
    void aBadTimeOrLabelOrFieldCountIsRefusedClearly() throws IOException {
        Path badTime = write("id,timestamp,card,merchant,amount\na,yesterday,c,m,1.00\n");
        Path badLabel = write("id,timestamp,card,merchant,amount,label\na,1700000000,c,m,1.00,maybe\n");
        Path shortRow = write("id,timestamp,card,merchant,amount\na,1700000000,c,m\n");
        Path exponent = write("id,timestamp,card,merchant,amount\na,1700000000,c,m,1e3\n");

        assertThatThrownBy(() -> readAll(badTime, mapping()))
                .hasMessageContaining("line 2: column 'timestamp' is not a time");
        assertThatThrownBy(() ->
                        readAll(badLabel, new CsvMapping("id", "timestamp", "card", "merchant", "amount", "label")))
                .hasMessageContaining("line 2: column 'label' is not a label");
        assertThatThrownBy(() -> readAll(shortRow, mapping()))
                .hasMessageContaining("line 2: has 4 fields, the header 5");
        assertThatThrownBy(() -> readAll(exponent, mapping()))
                .hasMessageContaining("line 2: column 'amount' is not a decimal amount (like 12.34)");
    }

    @Test
    void quotedFieldsEpochTimesAndLocalTimesAreRead() throws IOException {
        Path file = write("id,timestamp,card,merchant,amount\n"
                + "a,1700000000,c,\"Shop, Inc.\",1.00\n"
                + "b,1700000000123,c,m,2\n"
                + "c,2023-11-14 22:13:20,c,m,3.5\n");

        List<CsvRow> rows = readAll(file, mapping());

        assertThat(rows).extracting(CsvRow::merchant).containsExactly("Shop, Inc.", "m", "m");
        assertThat(rows)
                .extracting(CsvRow::time)
                .containsExactly(
                        Instant.ofEpochSecond(1_700_000_000L),
                        Instant.ofEpochMilli(1_700_000_000_123L),
                        Instant.parse("2023-11-14T22:13:20Z"));
        assertThat(rows).extracting(CsvRow::amountMinor).containsExactly(100L, 200L, 350L);
    }

    @Test
    void aFileSpanningMoreThanIngestAcceptsIsRefusedForReplay() {
        assertThatThrownBy(() -> ReplayPlan.shift(
                        Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-09T00:00:00Z"), Instant.now()))
                .hasMessageContaining("span 8 days");
    }

    @Test
    void rowsAreReadOneAtATimeSoABadRowLaterInTheFileDoesNotStopTheFirst() throws IOException {
        Path file = write("id,timestamp,card,merchant,amount\n"
                + "a,2026-01-01T00:00:00Z,c,m,1.00\n"
                + "b,2026-01-01T00:01:00Z,c,m\n"
                + "c,2026-01-01T00:02:00Z,c,m,3.00\n");

        try (CsvTransactions reader = CsvTransactions.open(file, mapping(), EUR_DECIMALS, ONE_HOUR)) {
            assertThat(reader.next().id()).isEqualTo("a");
            assertThatThrownBy(reader::next).isInstanceOf(BadRow.class).hasMessageContaining("line 3: has 4 fields");
            assertThat(reader.next().id())
                    .as("the reader moved past the bad row")
                    .isEqualTo("c");
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void floatArtefactsAreRoundedHalfEvenToTheCurrencyAndMarked() throws IOException {
        Path file = write("id,timestamp,card,merchant,amount\n"
                + "a,1700000000,c,m,85.64999999999999\n"
                + "b,1700000001,c,m,0.125\n"
                + "c,1700000002,c,m,0.135\n"
                + "d,1700000003,c,m,12.30\n");

        List<CsvRow> rows = readAll(file, mapping());

        assertThat(rows).extracting(CsvRow::amountMinor).containsExactly(8565L, 12L, 14L, 1230L);
        assertThat(rows).extracting(CsvRow::rounded).containsExactly(true, true, true, false);
    }

    @Test
    void aCurrencyWithoutDecimalsRoundsToWholeUnits() throws IOException {
        Path file = write("id,timestamp,card,merchant,amount\na,1700000000,c,m,1500.5\nb,1700000001,c,m,1500\n");

        try (CsvTransactions reader = CsvTransactions.open(file, mapping(), 0, ONE_HOUR)) {
            CsvRow halfYen = reader.next();
            CsvRow yen = reader.next();
            assertThat(halfYen.amountMinor()).as("hundredths of 1500 yen").isEqualTo(150_000);
            assertThat(halfYen.rounded()).isTrue();
            assertThat(yen.amountMinor()).isEqualTo(150_000);
            assertThat(yen.rounded()).isFalse();
        }
        assertThatThrownBy(() -> CsvTransactions.open(file, mapping(), 3, ONE_HOUR))
                .hasMessageContaining("3 decimals");
    }

    @Test
    void zeroAmountsOfCardVerificationsAreTaken() throws IOException {
        Path file = write("id,timestamp,card,merchant,amount\na,1700000000,c,m,0\nb,1700000001,c,m,0.00\n");

        assertThat(readAll(file, mapping())).extracting(CsvRow::amountMinor).containsExactly(0L, 0L);
    }

    @Test
    void rowsSlightlyOutOfOrderKeepFileOrderButABackwardsJumpBeyondTheToleranceIsABadRow() throws IOException {
        Path file = write("id,timestamp,card,merchant,amount\n"
                + "a,2026-01-01T10:00:00Z,c,m,1\n"
                + "b,2026-01-01T09:30:00Z,c,m,1\n"
                + "c,2026-01-01T11:00:00Z,c,m,1\n"
                + "d,2026-01-01T09:59:00Z,c,m,1\n"
                + "e,2026-01-01T10:30:00Z,c,m,1\n");

        try (CsvTransactions reader = CsvTransactions.open(file, mapping(), EUR_DECIMALS, ONE_HOUR)) {
            assertThat(reader.next().id()).isEqualTo("a");
            assertThat(reader.next().id())
                    .as("30 minutes back: within the hour")
                    .isEqualTo("b");
            assertThat(reader.next().id()).isEqualTo("c");
            assertThatThrownBy(reader::next)
                    .isInstanceOf(BadRow.class)
                    .hasMessageContaining("line 5: column 'timestamp' goes back more than PT1H behind line 4")
                    .satisfies(
                            e -> assertThat(((BadRow) e).eventTime()).isEqualTo(Instant.parse("2026-01-01T09:59:00Z")));
            assertThat(reader.next().id())
                    .as("measured from the latest time, line 4's, not the bad row's")
                    .isEqualTo("e");
        }
    }

    @Test
    void aLabelTimeColumnIsReadAndMustNotPrecedeTheTransactionNorBeMissingForAFraud() throws IOException {
        CsvMapping withLabelTime = new CsvMapping("id", "timestamp", "card", "merchant", "amount", "fraud", "known");
        Path file = write("id,timestamp,card,merchant,amount,fraud,known\n"
                + "a,2026-01-01T10:00:00Z,c,m,1,1,2026-01-08T10:00:00Z\n"
                + "b,2026-01-01T10:01:00Z,c,m,1,0,\n"
                + "c,2026-01-01T10:02:00Z,c,m,1,1,2026-01-01T09:00:00Z\n"
                + "d,2026-01-01T10:03:00Z,c,m,1,1,\n");

        try (CsvTransactions reader = CsvTransactions.open(file, withLabelTime, EUR_DECIMALS, ONE_HOUR)) {
            assertThat(reader.next().labelTime()).isEqualTo(Instant.parse("2026-01-08T10:00:00Z"));
            assertThat(reader.next().labelTime())
                    .as("a genuine row may have none")
                    .isNull();
            assertThatThrownBy(reader::next).hasMessageContaining("line 4: column 'known' is before the event time");
            assertThatThrownBy(reader::next)
                    .hasMessageContaining("line 5: column 'known' is empty for a row labelled fraud");
        }
    }

    private static CsvMapping mapping() {
        return new CsvMapping("id", "timestamp", "card", "merchant", "amount", null);
    }

    private Path write(String text) throws IOException {
        Path file = Files.createTempFile(dir, "rows", ".csv");
        return Files.writeString(file, text);
    }
}
