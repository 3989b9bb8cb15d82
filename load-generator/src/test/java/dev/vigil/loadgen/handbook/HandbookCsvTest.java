package dev.vigil.loadgen.handbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.loadgen.replay.CsvMapping;
import dev.vigil.loadgen.replay.CsvRow;
import dev.vigil.loadgen.replay.CsvTransactions;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file: the Handbook's columns, one line per transaction in event-time order, readable with the import's mapping. */
class HandbookCsvTest {

    static final WorldParameters SMALL = new WorldParameters(200, 300, 30, LocalDate.of(2018, 4, 1), 10, 3);
    static final Instant FIRST_MIDNIGHT =
            SMALL.start().atStartOfDay(ZoneOffset.UTC).toInstant();
    static HandbookWorld world;
    static List<String> lines;

    @BeforeAll
    static void write() throws IOException {
        world = HandbookWorld.generate(SMALL);
        StringWriter out = new StringWriter();
        HandbookCsv.write(world, out);
        lines = out.toString().lines().toList();
    }

    @Test
    void theHeaderNamesTheHandbooksColumns() {
        assertThat(lines.get(0))
                .isEqualTo("TRANSACTION_ID,TX_DATETIME,CUSTOMER_ID,TERMINAL_ID,TX_AMOUNT,TX_FRAUD,TX_FRAUD_SCENARIO");
    }

    @Test
    void eachLineIsOneTransactionWithItsIdUtcTimeAmountInCentsAndLabel() {
        assertThat(lines).hasSize(world.transactions().size() + 1);
        for (int position = 0; position < world.transactions().size(); position++) {
            HandbookTransaction transaction = world.transactions().get(position);
            String[] fields = lines.get(position + 1).split(",", -1);

            assertThat(fields).hasSize(7);
            assertThat(fields[0]).isEqualTo("hb-" + position);
            assertThat(fields[1])
                    .isEqualTo(FIRST_MIDNIGHT.plusSeconds(transaction.second()).toString());
            assertThat(fields[2]).isEqualTo(Integer.toString(transaction.customer()));
            assertThat(fields[3]).isEqualTo(Integer.toString(transaction.terminal()));
            assertThat(fields[4]).matches("[0-9]+\\.[0-9]{2}");
            assertThat(new java.math.BigDecimal(fields[4]).movePointRight(2).longValueExact())
                    .isEqualTo(transaction.amountCents());
            assertThat(fields[5]).isEqualTo(transaction.fraud() ? "1" : "0");
            assertThat(fields[6]).isEqualTo(Integer.toString(transaction.scenario()));
        }
    }

    @Test
    void theImportsColumnMappingReadsEveryRowBackInTheSameOrder(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("world.csv");
        Files.write(file, lines);

        List<CsvRow> rows = new ArrayList<>();
        try (CsvTransactions reader = CsvTransactions.open(
                file,
                new CsvMapping("TRANSACTION_ID", "TX_DATETIME", "CUSTOMER_ID", "TERMINAL_ID", "TX_AMOUNT", "TX_FRAUD"),
                2,
                Duration.ZERO)) {
            for (CsvRow row = reader.next(); row != null; row = reader.next()) {
                rows.add(row);
            }
        }

        assertThat(rows).hasSize(world.transactions().size());
        for (int position = 0; position < rows.size(); position++) {
            HandbookTransaction transaction = world.transactions().get(position);
            CsvRow row = rows.get(position);
            assertThat(row.id()).isEqualTo("hb-" + position);
            assertThat(row.time()).isEqualTo(FIRST_MIDNIGHT.plusSeconds(transaction.second()));
            assertThat(row.card()).isEqualTo(Integer.toString(transaction.customer()));
            assertThat(row.merchant()).isEqualTo(Integer.toString(transaction.terminal()));
            assertThat(row.amountMinor()).isEqualTo(transaction.amountCents());
            assertThat(row.fraud()).isEqualTo(transaction.fraud());
        }
    }
}
