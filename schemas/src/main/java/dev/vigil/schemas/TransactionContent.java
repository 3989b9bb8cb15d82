package dev.vigil.schemas;

import dev.vigil.events.Transaction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * What a transaction says, as one fingerprint: ingest refuses a reused id whose fingerprint differs,
 * and the scorer dead-letters such a record if one reaches it anyway. One definition for both.
 */
public final class TransactionContent {

    /** Hex SHA-256: 64 characters. */
    public static final int HASH_LENGTH = 64;

    private TransactionContent() {}

    /**
     * SHA-256 of the record's Avro encoding without its {@code receivedAt} (when ingest took it, not
     * what it says): two submissions with the same content have the same hash however they spelled
     * it, and the hash covers the card token, never the card number.
     */
    public static String hash(Transaction transaction) {
        Transaction canonical =
                Transaction.newBuilder(transaction).setReceivedAt(Instant.EPOCH).build();
        try {
            ByteBuffer encoded = canonical.toByteBuffer();
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(encoded);
            return HexFormat.of().formatHex(sha256.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a transaction", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
