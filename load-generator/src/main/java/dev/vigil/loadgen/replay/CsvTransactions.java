package dev.vigil.loadgen.replay;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a CSV of historical transactions (header line first, comma-separated, double quotes
 * around fields that hold commas) one row at a time, so a file of any length is read in constant
 * memory. Rows come in file order: the file is expected in event-time order, and a row more than
 * {@code maxOutOfOrder} earlier than the latest event time before it is a bad row (sorting is the
 * file's job; within the tolerance, rows keep their own event times). Errors name the file, the
 * line and the column, and show no value (a column may hold card numbers).
 */
public final class CsvTransactions implements Closeable {

    private static final Set<String> FRAUD = Set.of("1", "true", "fraud", "yes", "y");
    private static final Set<String> GENUINE = Set.of("0", "false", "genuine", "no", "n", "");
    /** An ISO-8601 offset at the end of a time: compiled once, as every row's time is read. */
    private static final Pattern OFFSET = Pattern.compile("[+-]\\d\\d:?\\d\\d$");
    /** {@code SimTransaction} carries hundredths of the major unit. */
    private static final int CARRIED_DECIMALS = 2;

    private final Path file;
    private final CsvMapping mapping;
    private final int currencyDecimals;
    private final Duration maxOutOfOrder;
    private final BufferedReader reader;
    private final int fieldCount;
    private final CsvMapping.Positions at;
    private long lineNumber = 1;
    private Instant latest;
    private long latestLine;

    private CsvTransactions(
            Path file,
            CsvMapping mapping,
            int currencyDecimals,
            Duration maxOutOfOrder,
            BufferedReader reader,
            List<String> header) {
        this.file = file;
        this.mapping = mapping;
        this.currencyDecimals = currencyDecimals;
        this.maxOutOfOrder = maxOutOfOrder;
        this.reader = reader;
        this.fieldCount = header.size();
        this.at = mapping.locate(header, file.toString());
    }

    /**
     * Opens a file and reads its header.
     *
     * @param currencyDecimals the currency's minor-unit digits (0 to 2): amounts with more decimals are rounded to it
     * @param maxOutOfOrder    how far a row's event time may go back behind an earlier row's
     */
    public static CsvTransactions open(Path file, CsvMapping mapping, int currencyDecimals, Duration maxOutOfOrder)
            throws IOException {
        if (currencyDecimals < 0 || currencyDecimals > CARRIED_DECIMALS) {
            throw new IllegalArgumentException("amounts are carried in hundredths: a currency with " + currencyDecimals
                    + " decimals cannot be read");
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(file + " is not a readable file");
        }
        BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        try {
            String headerLine = reader.readLine();
            if (headerLine == null) {
                throw new IllegalArgumentException(file + " is empty: it needs a header line");
            }
            List<String> header = split(headerLine.replace("\uFEFF", "")).stream()
                    .map(String::strip)
                    .toList();
            return new CsvTransactions(file, mapping, currencyDecimals, maxOutOfOrder, reader, header);
        } catch (RuntimeException | IOException e) {
            reader.close();
            throw e;
        }
    }

    /**
     * The next row, or {@code null} at the end of the file.
     *
     * @throws BadRow for a row that cannot be taken; the next call reads the row after it
     */
    public CsvRow next() throws IOException {
        String line = reader.readLine();
        lineNumber++;
        while (line != null && line.isBlank()) {
            line = reader.readLine();
            lineNumber++;
        }
        return line == null ? null : row(lineNumber, split(line));
    }

    private CsvRow row(long line, List<String> fields) {
        if (fields.size() != fieldCount) {
            throw new BadRow(file, line, null, "has " + fields.size() + " fields, the header " + fieldCount, null);
        }
        Instant time = time(
                line, required(line, fields.get(at.timestamp()), mapping.timestamp(), null), mapping.timestamp(), null);
        if (latest != null && time.isBefore(latest.minus(maxOutOfOrder))) {
            throw new BadRow(
                    file,
                    line,
                    mapping.timestamp(),
                    "goes back more than " + maxOutOfOrder + " behind line " + latestLine
                            + ": the file must be in event-time order",
                    time);
        }
        String id = required(line, fields.get(at.id()), mapping.id(), time);
        String card = required(line, fields.get(at.card()), mapping.card(), time);
        String merchant = required(line, fields.get(at.merchant()), mapping.merchant(), time);
        String amountText = required(line, fields.get(at.amount()), mapping.amount(), time);
        BigDecimal amount = amount(line, amountText, mapping.amount(), time);
        BigDecimal minorUnits = amount.setScale(currencyDecimals, RoundingMode.HALF_EVEN);
        Boolean fraud = at.label() < 0 ? null : label(line, fields.get(at.label()), mapping.label(), time);
        Instant labelTime = null;
        if (at.labelTime() >= 0 && fields.get(at.labelTime()).isBlank() && Boolean.TRUE.equals(fraud)) {
            throw new BadRow(
                    file,
                    line,
                    mapping.labelTime(),
                    "is empty for a row labelled fraud: its chargeback needs a time",
                    time);
        }
        if (at.labelTime() >= 0 && !fields.get(at.labelTime()).isBlank()) {
            labelTime = time(line, fields.get(at.labelTime()).strip(), mapping.labelTime(), time);
            if (labelTime.isBefore(time)) {
                throw new BadRow(
                        file,
                        line,
                        mapping.labelTime(),
                        "is before the event time: a label follows its transaction",
                        time);
            }
        }
        if (latest == null || time.isAfter(latest)) {
            latest = time;
            latestLine = line;
        }
        return new CsvRow(
                line,
                id,
                time,
                card,
                merchant,
                minorUnits.movePointRight(CARRIED_DECIMALS).longValueExact(),
                fraud,
                labelTime,
                minorUnits.compareTo(amount) != 0);
    }

    private String required(long line, String value, String column, Instant time) {
        if (value.isBlank()) {
            throw new BadRow(file, line, column, "is empty", time);
        }
        return value.strip();
    }

    /** ISO-8601 with an offset or {@code Z}, ISO local date-time (taken as UTC), or epoch seconds or milliseconds. */
    private Instant time(long line, String text, String column, Instant eventTime) {
        try {
            return parseTime(text);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new BadRow(
                    file,
                    line,
                    column,
                    "is not a time: use ISO-8601 (2026-11-22T10:15:30Z) or epoch seconds or milliseconds",
                    eventTime);
        }
    }

    static Instant parseTime(String text) {
        if (allDigits(text)) {
            long value = Long.parseLong(text);
            return text.length() >= 12 ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
        }
        if (text.endsWith("Z") || OFFSET.matcher(text).find()) {
            return OffsetDateTime.parse(text.replace(' ', 'T')).toInstant();
        }
        return LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    }

    private static boolean allDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return !text.isEmpty();
    }

    /**
     * A plain decimal amount in major units, zero or more: zero is a card verification. More
     * decimals than the currency has are a float artefact of the exporting tool (85.64999999999999),
     * rounded by the caller.
     */
    private BigDecimal amount(long line, String text, String column, Instant time) {
        BigDecimal amount;
        try {
            if (text.toLowerCase(Locale.ROOT).contains("e")) {
                throw new NumberFormatException("exponent form");
            }
            amount = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new BadRow(file, line, column, "is not a decimal amount (like 12.34)", time);
        }
        if (amount.signum() < 0) {
            throw new BadRow(file, line, column, "must not be negative", time);
        }
        return amount;
    }

    private Boolean label(long line, String text, String column, Instant time) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        if (FRAUD.contains(value)) {
            return true;
        }
        if (GENUINE.contains(value)) {
            return false;
        }
        throw new BadRow(file, line, column, "is not a label: use 1/0, true/false, fraud/genuine or yes/no", time);
    }

    /** Splits a CSV line; a field in double quotes may hold commas and doubled quotes. */
    public static List<String> split(String line) {
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

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
