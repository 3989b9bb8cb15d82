package dev.vigil.loadgen.replay;

import java.util.ArrayList;
import java.util.List;

/**
 * Which CSV column holds what. {@code label} is optional ({@code null}: no labels in the file).
 */
public record CsvMapping(String id, String timestamp, String card, String merchant, String amount, String label) {

    /** The column positions of this mapping in a header, or an error naming every missing column. */
    Positions locate(List<String> header, String file) {
        List<String> missing = new ArrayList<>();
        int id = find(header, this.id, "--id-column", missing);
        int timestamp = find(header, this.timestamp, "--timestamp-column", missing);
        int card = find(header, this.card, "--card-column", missing);
        int merchant = find(header, this.merchant, "--merchant-column", missing);
        int amount = find(header, this.amount, "--amount-column", missing);
        int label = this.label == null ? -1 : find(header, this.label, "--label-column", missing);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(file + ": " + String.join(", ", missing)
                    + " not in the header; the header has: " + String.join(", ", header));
        }
        return new Positions(id, timestamp, card, merchant, amount, label);
    }

    private static int find(List<String> header, String column, String option, List<String> missing) {
        int position = header.indexOf(column);
        if (position < 0) {
            missing.add("column '" + column + "' (" + option + ")");
        }
        return position;
    }

    /** Column positions; {@code label} is -1 when the file has no labels. */
    record Positions(int id, int timestamp, int card, int merchant, int amount, int label) {
    }
}
