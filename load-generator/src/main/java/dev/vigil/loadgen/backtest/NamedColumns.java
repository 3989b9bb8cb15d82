package dev.vigil.loadgen.backtest;

import dev.vigil.loadgen.replay.CsvTransactions;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads a few named columns of a CSV (a header line, fields split as the import splits them): the
 * trainer's offline scores and a dataset's scenario column. Errors name the file, the line and the
 * column, never a value.
 */
final class NamedColumns {

    private NamedColumns() {}

    /** Hands each data line's values of {@code columns}, in that order, to {@code each}. */
    static void read(Path file, List<String> columns, Consumer<String[]> each) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            if (header == null) {
                throw new IllegalArgumentException(file + " is empty: it needs a header line");
            }
            List<String> names = CsvTransactions.split(header.replace("\uFEFF", "")).stream()
                    .map(String::strip)
                    .toList();
            int[] at = new int[columns.size()];
            for (int i = 0; i < at.length; i++) {
                at[i] = names.indexOf(columns.get(i));
                if (at[i] < 0) {
                    throw new IllegalArgumentException(file + " has no column '" + columns.get(i) + "'");
                }
            }
            long line = 1;
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                List<String> fields = CsvTransactions.split(text);
                if (fields.size() != names.size()) {
                    throw new IllegalArgumentException(
                            file + ":" + line + " has " + fields.size() + " fields, the header " + names.size());
                }
                String[] values = new String[at.length];
                for (int i = 0; i < at.length; i++) {
                    values[i] = fields.get(at[i]).strip();
                }
                each.accept(values);
            }
        }
    }

    /** Parses a number of a named column, or says where it is not one. */
    static double number(String value, Path file, String column) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": column '" + column + "' holds a value that is not a number");
        }
    }
}
