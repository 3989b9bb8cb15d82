package dev.vigil.schemas;

import dev.vigil.events.Transaction;
import java.io.IOException;
import java.io.UncheckedIOException;
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

    /** One digest per thread, reset by each {@code digest()}: finding the provider costs more than hashing. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(TransactionContent::sha256);

    private TransactionContent() {}

    /**
     * SHA-256 of the record's Avro encoding without its {@code receivedAt} (when ingest took it, not
     * what it says): two submissions with the same content have the same hash however they spelled
     * it, and the hash covers the card token, never the card number.
     */
    public static String hash(Transaction transaction) {
        // a shallow copy field by field: the builder's copy would deep-copy every field first (a
        // fifth of the hash's cost in the scorer, which hashes every record)
        Transaction canonical = new Transaction();
        for (int field = 0; field < Transaction.SCHEMA$.getFields().size(); field++) {
            canonical.put(field, transaction.get(field));
        }
        canonical.setReceivedAt(Instant.EPOCH);
        try {
            MessageDigest sha256 = SHA_256.get();
            sha256.update(canonical.toByteBuffer());
            return HexFormat.of().formatHex(sha256.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a transaction", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
