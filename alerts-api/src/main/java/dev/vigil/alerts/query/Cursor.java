package dev.vigil.alerts.query;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;

/**
 * The position after the last alert of a page: its event time and id, the keyset the pages are
 * ordered by. Clients see it as an opaque URL-safe string. Keyset pages rather than offsets: a page
 * costs an index range scan however deep it is, and alerts stored while a client walks the pages
 * never shift items from one page to the next.
 */
record Cursor(Instant eventTime, String alertId) {

    private static final String VERSION = "v1";

    String encode() {
        String plain = VERSION + "|" + eventTime + "|" + alertId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a string encodes, or empty when it is not one this API wrote. */
    static Optional<Cursor> decode(String encoded) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
            String[] parts = plain.split("\\|", 3);
            if (parts.length != 3 || !parts[0].equals(VERSION) || parts[2].isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Cursor(Instant.parse(parts[1]), parts[2]));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
