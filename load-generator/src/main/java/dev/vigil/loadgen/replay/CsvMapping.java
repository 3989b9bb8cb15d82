package dev.vigil.loadgen.replay;

import java.util.ArrayList;
import java.util.List;

/**
 * Which CSV column holds what. {@code label} and {@code labelTime} are optional ({@code null}: not
 * in the file).
 *
 * @param labelTime when the row's label became known (a chargeback's arrival), for the import
 */
public record CsvMapping(
        String id, String timestamp, String card, String merchant, String amount, String label, String labelTime) {

    /** A mapping without a label-time column. */
    public CsvMapping(String id, String timestamp, String card, String merchant, String amount, String label) {
        this(id, timestamp, card, merchant, amount, label, null);
    }

    /** The column positions of this mapping in a header, or an error naming every missing column. */
    Positions locate(List<String> header, String file) {
        List<String> missing = new ArrayList<>();
        int id = find(header, this.id, "--id-column", missing);
        int timestamp = find(header, this.timestamp, "--timestamp-column", missing);
        int card = find(header, this.card, "--card-column", missing);
        int merchant = find(header, this.merchant, "--merchant-column", missing);
        int amount = find(header, this.amount, "--amount-column", missing);
        int label = this.label == null ? -1 : find(header, this.label, "--label-column", missing);
        int labelTime = this.labelTime == null ? -1 : find(header, this.labelTime, "--label-time-column", missing);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(file + ": " + String.join(", ", missing)
                    + " not in the header; the header has: " + String.join(", ", header));
        }
        return new Positions(id, timestamp, card, merchant, amount, label, labelTime);
    }

    private static int find(List<String> header, String column, String option, List<String> missing) {
        int position = header.indexOf(column);
        if (position < 0) {
            missing.add("column '" + column + "' (" + option + ")");
        }
        return position;
    }

    /** Column positions; {@code label} and {@code labelTime} are -1 when the file has none. */
    record Positions(int id, int timestamp, int card, int merchant, int amount, int label, int labelTime) {}
}
