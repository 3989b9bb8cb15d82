package dev.vigil.loadgen.replay;

import java.time.Instant;

/**
 * One historical transaction from a CSV file.
 *
 * @param fraud {@code null} when the file has no label column
 */
public record CsvRow(long line, String id, Instant time, String card, String merchant, long amountMinor, Boolean fraud) {
}
