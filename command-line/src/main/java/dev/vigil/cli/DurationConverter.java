package dev.vigil.cli;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine;

/**
 * A duration on a command line: {@code 0}, {@code 500ms}, {@code 45s}, {@code 2m}, {@code 1h},
 * {@code 3d}, or ISO-8601 ({@code PT45S}). The one reader of durations for every Vigil command.
 */
public class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (value.startsWith("p")) {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            }
            if (value.equals("0")) {
                return Duration.ZERO;
            }
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            long amount = Long.parseLong(value.substring(0, value.length() - 1));
            switch (value.charAt(value.length() - 1)) {
                case 's':
                    return Duration.ofSeconds(amount);
                case 'm':
                    return Duration.ofMinutes(amount);
                case 'h':
                    return Duration.ofHours(amount);
                case 'd':
                    return Duration.ofDays(amount);
                default:
                    break;
            }
        } catch (RuntimeException e) {
            // reported below with the accepted forms
        }
        throw new CommandLine.TypeConversionException(
                "'" + text + "' is not a duration: use 0, 500ms, 45s, 2m, 1h, 3d or PT45S");
    }
}
