package dev.vigil.card;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The issuing country of a card from the leading digits of its number (the BIN, or IIN): the
 * country of the longest prefix of the number the table lists. Ingest records it on the event
 * ({@code Transaction.cardCountry}) while it still holds the number, so the scorer and the trainer
 * read the same fact from the event and never look a table up themselves; the load generator uses
 * the same table when it writes straight to Kafka.
 *
 * <p>The table is CSV, one {@code prefix,country} per line (1 to {@value #MAX_PREFIX_DIGITS}
 * digits, ISO 3166-1 alpha-2), {@code #} comments and blank lines ignored. The table in this jar
 * ({@value #DEFAULT_TABLE}) covers the load generator's demo BINs only; a bank points ingest at its
 * licensed BIN table ({@code VIGIL_INGEST_BIN_TABLE}). Immutable and thread-safe.
 */
public final class BinCountries {

    /** The demo table's resource name, next to this class. */
    public static final String DEFAULT_TABLE = "bin-countries.csv";
    /** BINs are 6 or 8 digits; a table may list shorter ranges. */
    public static final int MAX_PREFIX_DIGITS = 8;

    private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());

    private final Map<String, String> countryByPrefix;

    private BinCountries(Map<String, String> countryByPrefix) {
        this.countryByPrefix = Map.copyOf(countryByPrefix);
    }

    /** The demo table shipped in this jar. */
    public static BinCountries defaults() {
        try (InputStream in = BinCountries.class.getResourceAsStream(DEFAULT_TABLE)) {
            if (in == null) {
                throw new IllegalStateException("the BIN table " + DEFAULT_TABLE + " is missing from the class path");
            }
            return parse(
                    new String(in.readAllBytes(), StandardCharsets.UTF_8)
                            .lines()
                            .toList(),
                    DEFAULT_TABLE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the BIN table " + DEFAULT_TABLE, e);
        }
    }

    /** A table from a file; a line it cannot take fails the load, naming the file and the line. */
    public static BinCountries load(Path file) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader.lines().toList(), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the BIN table " + file, e);
        }
    }

    /** The file's table when a path is given, else the demo table. */
    public static BinCountries loadOrDefaults(Optional<Path> file) {
        return file.map(BinCountries::load).orElseGet(BinCountries::defaults);
    }

    static BinCountries parse(List<String> lines, String source) {
        Map<String, String> countries = new HashMap<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + " line " + (n + 1);
            String[] cells = line.split(",", -1);
            if (cells.length != 2) {
                throw new IllegalArgumentException(where + ": expected 'prefix,country'");
            }
            String prefix = cells[0].strip();
            String country = cells[1].strip();
            if (!prefix.matches("[0-9]{1," + MAX_PREFIX_DIGITS + "}")) {
                throw new IllegalArgumentException(
                        where + ": the prefix must be 1 to " + MAX_PREFIX_DIGITS + " digits");
            }
            if (!ISO_COUNTRIES.contains(country)) {
                throw new IllegalArgumentException(
                        where + ": '" + country + "' is not an ISO 3166-1 alpha-2 country code");
            }
            if (countries.putIfAbsent(prefix, country) != null) {
                throw new IllegalArgumentException(where + ": prefix " + prefix + " is listed twice");
            }
        }
        return new BinCountries(countries);
    }

    /**
     * The issuing country of the card whose number starts with {@code digits} (the whole number, or
     * at least its BIN), by the longest listed prefix; empty when no prefix matches.
     */
    public Optional<String> countryOf(String digits) {
        for (int length = Math.min(MAX_PREFIX_DIGITS, digits.length()); length > 0; length--) {
            String country = countryByPrefix.get(digits.substring(0, length));
            if (country != null) {
                return Optional.of(country);
            }
        }
        return Optional.empty();
    }

    /**
     * The listed prefixes that start with {@code start} and map to {@code country}, in order: how a
     * simulator picks a BIN of one issuer for a card holder of one country.
     */
    public List<String> prefixes(String start, String country) {
        return countryByPrefix.entrySet().stream()
                .filter(e -> e.getKey().startsWith(start) && e.getValue().equals(country))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    public int size() {
        return countryByPrefix.size();
    }
}
