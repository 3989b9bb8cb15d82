package dev.vigil.loadgen.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a CSV of historical transactions (header line first, comma-separated, double quotes
 * around fields that hold commas), sorted by time. Errors name the file, the line and the column,
 * and show no value (a column may hold card numbers).
 */
public final class CsvTransactions {

    private static final Set<String> FRAUD = Set.of("1", "true", "fraud", "yes", "y");
    private static final Set<String> GENUINE = Set.of("0", "false", "genuine", "no", "n", "");

    private CsvTransactions() {
    }

    public static List<CsvRow> read(Path file, CsvMapping mapping) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String headerLine = reader.readLine();
            if (headerLine == null) {
                throw new IllegalArgumentException(file + " is empty: it needs a header line");
            }
            List<String> header = split(headerLine.replace("\uFEFF", "")).stream().map(String::strip).toList();
            CsvMapping.Positions at = mapping.locate(header, file.toString());
            List<CsvRow> rows = new ArrayList<>();
            long lineNumber = 1;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                rows.add(row(file, lineNumber, split(line), header, at, mapping));
            }
            rows.sort(Comparator.comparing(CsvRow::time).thenComparingLong(CsvRow::line));
            return rows;
        }
    }

    private static CsvRow row(Path file, long line, List<String> fields, List<String> header, CsvMapping.Positions at,
            CsvMapping mapping) {
        if (fields.size() != header.size()) {
            throw error(file, line, "has " + fields.size() + " fields, the header " + header.size());
        }
        String id = required(file, line, fields.get(at.id()), mapping.id());
        Instant time = time(file, line, required(file, line, fields.get(at.timestamp()), mapping.timestamp()), mapping.timestamp());
        String card = required(file, line, fields.get(at.card()), mapping.card());
        String merchant = required(file, line, fields.get(at.merchant()), mapping.merchant());
        long amount = amount(file, line, required(file, line, fields.get(at.amount()), mapping.amount()), mapping.amount());
        Boolean fraud = at.label() < 0 ? null : label(file, line, fields.get(at.label()), mapping.label());
        return new CsvRow(line, id, time, card, merchant, amount, fraud);
    }

    private static String required(Path file, long line, String value, String column) {
        if (value.isBlank()) {
            throw error(file, line, "column '" + column + "' is empty");
        }
        return value.strip();
    }

    /** ISO-8601 with an offset or {@code Z}, ISO local date-time (taken as UTC), or epoch seconds or milliseconds. */
    static Instant time(Path file, long line, String text, String column) {
        try {
            if (text.chars().allMatch(Character::isDigit)) {
                long value = Long.parseLong(text);
                return text.length() >= 12 ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
            }
            if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(text.replace(' ', 'T')).toInstant();
            }
            return LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw error(file, line, "column '" + column + "' is not a time: use ISO-8601 (2026-11-22T10:15:30Z) or epoch seconds or milliseconds");
        }
    }

    /** A decimal amount in major units, at most two decimals, positive. */
    static long amount(Path file, long line, String text, String column) {
        try {
            BigDecimal amount = new BigDecimal(text);
            if (amount.signum() <= 0 || amount.scale() > 2 || text.toLowerCase(Locale.ROOT).contains("e")) {
                throw error(file, line, "column '" + column + "' must be a positive amount with at most two decimals");
            }
            return amount.movePointRight(2).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw error(file, line, "column '" + column + "' is not a decimal amount (like 12.34)");
        }
    }

    private static Boolean label(Path file, long line, String text, String column) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        if (FRAUD.contains(value)) {
            return true;
        }
        if (GENUINE.contains(value)) {
            return false;
        }
        throw error(file, line, "column '" + column + "' is not a label: use 1/0, true/false, fraud/genuine or yes/no");
    }

    /** Splits a CSV line; a field in double quotes may hold commas and doubled quotes. */
    static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                field.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    private static IllegalArgumentException error(Path file, long line, String message) {
        return new IllegalArgumentException(file + " line " + line + ": " + message);
    }
}
