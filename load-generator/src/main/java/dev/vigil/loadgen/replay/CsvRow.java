package dev.vigil.loadgen.replay;

import java.time.Instant;

/**
 * One historical transaction from a CSV file.
 *
 * @param amountMinor in hundredths of the major unit, as {@code SimTransaction} carries amounts
 * @param fraud       {@code null} when the file has no label column
 * @param labelTime   {@code null} when the file has no label-time column or the row's cell is empty
 * @param rounded     the file's amount had more decimals than the currency (a float artefact) and was rounded
 */
public record CsvRow(
        long line,
        String id,
        Instant time,
        String card,
        String merchant,
        long amountMinor,
        Boolean fraud,
        Instant labelTime,
        boolean rounded) {}
