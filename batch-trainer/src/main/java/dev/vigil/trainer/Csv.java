package dev.vigil.trainer;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * RFC 4180 CSV of per-transaction scores, so any metric can be recomputed elsewhere: a header, then one
 * line per row; a field with a comma, quote or line break is quoted. Doubles print in full (Java's
 * shortest repr that reads back to the same double), so recomputed metrics equal the report's.
 */
public final class Csv {

    private Csv() {}

    public static void write(Path file, List<String> header, Stream<List<Object>> rows) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                out.write(line(List.copyOf(header)));
                for (List<Object> row : (Iterable<List<Object>>) rows::iterator) {
                    out.write(line(row));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String line(List<?> fields) {
        return fields.stream().map(Csv::field).collect(Collectors.joining(",", "", "\n"));
    }

    private static String field(Object value) {
        String text = value == null ? "" : value instanceof Double d ? Double.toString(d) : value.toString();
        if (text.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
