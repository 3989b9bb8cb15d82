package dev.vigil.loadgen.replay;

import dev.vigil.card.CardNumbers;
import dev.vigil.loadgen.scenario.Scenario;
import dev.vigil.loadgen.scenario.SimTransaction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;

/**
 * Turns CSV rows into transactions. For a replay through ingest, event times keep their spacing but
 * are moved, as a block, to end just before the replay starts: ingest takes event times at most 7
 * days old, so a file spanning more is refused. The import keeps them as they are (no shift). A file's card or customer id becomes a stable test card number
 * (Luhn-valid, from a hash of the id), since historical data sets hold no real ones.
 *
 * @param fields what the file does not say, the same for every row
 */
public record ReplayPlan(String idPrefix, Fields fields) {

    /** Longest span of event times a replay can keep: ingest refuses event times older than 7 days. */
    public static final Duration MAX_SPAN = Duration.ofDays(6);

    public record Fields(String bankId, String currency, String mcc, String country, boolean cardPresent) {}

    /** How far to move every event time so the last one, {@code last}, lands at {@code end}. */
    public static Duration shift(Instant first, Instant last, Instant end) {
        Duration span = Duration.between(first, last);
        if (span.compareTo(MAX_SPAN) > 0) {
            throw new IllegalArgumentException("the file's event times span " + span.toDays() + " days; ingest takes "
                    + "event times at most 7 days old, so replay at most " + MAX_SPAN.toDays() + " days at a time");
        }
        return Duration.between(last, end);
    }

    public SimTransaction transaction(CsvRow row, Duration shift) {
        return new SimTransaction(
                idPrefix + row.id(),
                fields.bankId(),
                panFor(row.card()),
                row.amountMinor(),
                fields.currency(),
                row.merchant(),
                fields.mcc(),
                fields.country(),
                fields.cardPresent(),
                null,
                null,
                row.time().plus(shift),
                Boolean.TRUE.equals(row.fraud()) ? Scenario.LABELLED : null);
    }

    /** A 16-digit Luhn-valid test card number for a card or customer id: the same id, the same number. */
    public static String panFor(String cardId) {
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256").digest(cardId.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
        StringBuilder digits = new StringBuilder("499999");
        for (int i = 0; digits.length() < 15; i++) {
            digits.append(Math.floorMod(hash[i], 10));
        }
        return digits.append(CardNumbers.checkDigit(digits)).toString();
    }
}
