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
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTransactionsTest {

    static final CsvMapping SAMPLE_MAPPING = new CsvMapping("tx_id", "event_time", "customer", "terminal", "amount", "is_fraud");

    @TempDir
    Path dir;

    static Path sample() throws URISyntaxException {
        return Path.of(CsvTransactionsTest.class.getResource("/sample-transactions.csv").toURI());
    }

    @Test
    void readsTheSampleInEventTimeOrderWithItsLabels() throws Exception {
        List<CsvRow> rows = CsvTransactions.read(sample(), SAMPLE_MAPPING);

        assertThat(rows).hasSize(40);
        assertThat(rows).isSortedAccordingTo(Comparator.comparing(CsvRow::time));
        assertThat(rows.get(0)).isEqualTo(new CsvRow(2, "h0000", Instant.parse("2025-03-14T08:05:38Z"), "C005", "T12", 6754, false));
        assertThat(rows).filteredOn(row -> row.fraud()).extracting(CsvRow::id).containsExactly("h0011", "h0023", "h0024", "h0037");
    }

    @Test
    void replayKeepsTheSpacingEndingAtTheGivenInstantWithStableValidCards() throws Exception {
        List<CsvRow> rows = CsvTransactions.read(sample(), SAMPLE_MAPPING);
        Instant end = Instant.parse("2026-11-23T10:00:00Z");
        ReplayPlan plan = new ReplayPlan("r1-", new ReplayPlan.Fields("bank-replay", "EUR", "5999", "DE", false));

        Duration shift = ReplayPlan.shift(rows, end);
        List<SimTransaction> sent = rows.stream().map(row -> plan.transaction(row, shift)).toList();

        assertThat(sent.get(sent.size() - 1).eventTime()).isEqualTo(end);
        assertThat(Duration.between(sent.get(0).eventTime(), sent.get(1).eventTime()))
                .isEqualTo(Duration.between(rows.get(0).time(), rows.get(1).time()));
        assertThat(sent).allSatisfy(t -> assertThat(Luhn.isValid(t.pan())).isTrue());
        assertThat(sent).filteredOn(t -> t.transactionId().equals("r1-h0011")).singleElement()
                .satisfies(t -> assertThat(t.scenario()).isEqualTo(Scenario.LABELLED));
        assertThat(ReplayPlan.panFor("C005")).isEqualTo(ReplayPlan.panFor("C005")).isNotEqualTo(ReplayPlan.panFor("C006"));
    }

    @Test
    void aMissingColumnIsNamedWithItsOptionAndTheHeaderShown() {
        CsvMapping defaults = new CsvMapping("id", "timestamp", "card", "merchant", "amount", null);

        assertThatThrownBy(() -> CsvTransactions.read(sample(), defaults))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column 'id' (--id-column)")
                .hasMessageContaining("column 'card' (--card-column)")
                .hasMessageContaining("the header has: tx_id, event_time, customer, terminal, amount, is_fraud");
    }

    @Test
    void aBadValueNamesTheLineAndColumnWithoutEchoingIt() throws IOException {
        Path file = write("id,timestamp,card,merchant,amount\n"
                + "a,2026-01-01T00:00:00Z,4111111111111111,m,1.00\n"
                + "b,2026-01-01T00:01:00Z,4111111111111111,m,12.345\n");

        assertThatThrownBy(() -> CsvTransactions.read(file, mapping()))
                .hasMessageContaining("line 3: column 'amount' must be a positive amount with at most two decimals")
                .hasMessageNotContaining("4111111111111111");
    }

    @Test
    void aBadTimeOrLabelOrFieldCountIsRefusedClearly() throws IOException {
        Path badTime = write("id,timestamp,card,merchant,amount\na,yesterday,c,m,1.00\n");
        Path badLabel = write("id,timestamp,card,merchant,amount,label\na,1700000000,c,m,1.00,maybe\n");
        Path shortRow = write("id,timestamp,card,merchant,amount\na,1700000000,c,m\n");

        assertThatThrownBy(() -> CsvTransactions.read(badTime, mapping()))
                .hasMessageContaining("line 2: column 'timestamp' is not a time");
        assertThatThrownBy(() -> CsvTransactions.read(badLabel,
                new CsvMapping("id", "timestamp", "card", "merchant", "amount", "label")))
                .hasMessageContaining("line 2: column 'label' is not a label");
        assertThatThrownBy(() -> CsvTransactions.read(shortRow, mapping()))
                .hasMessageContaining("line 2: has 4 fields, the header 5");
    }

    @Test
    void quotedFieldsEpochTimesAndLocalTimesAreRead() throws IOException {
        Path file = write("id,timestamp,card,merchant,amount\n"
                + "a,1700000000,c,\"Shop, Inc.\",\"1,00\"\n".replace("\"1,00\"", "1.00")
                + "b,1700000000123,c,m,2\n"
                + "c,2026-01-01 10:00:00,c,m,3.5\n");

        List<CsvRow> rows = CsvTransactions.read(file, mapping());

        assertThat(rows).extracting(CsvRow::merchant).containsExactly("Shop, Inc.", "m", "m");
        assertThat(rows).extracting(CsvRow::time).containsExactly(Instant.ofEpochSecond(1_700_000_000L),
                Instant.ofEpochMilli(1_700_000_000_123L), Instant.parse("2026-01-01T10:00:00Z"));
        assertThat(rows).extracting(CsvRow::amountMinor).containsExactly(100L, 200L, 350L);
    }

    @Test
    void aFileSpanningMoreThanIngestAcceptsIsRefused() throws IOException {
        Path file = write("id,timestamp,card,merchant,amount\na,2026-01-01T00:00:00Z,c,m,1\nb,2026-01-09T00:00:00Z,c,m,1\n");

        assertThatThrownBy(() -> ReplayPlan.shift(CsvTransactions.read(file, mapping()), Instant.now()))
                .hasMessageContaining("span 8 days");
    }

    private static CsvMapping mapping() {
        return new CsvMapping("id", "timestamp", "card", "merchant", "amount", null);
    }

    private Path write(String text) throws IOException {
        Path file = Files.createTempFile(dir, "rows", ".csv");
        return Files.writeString(file, text);
    }
}
