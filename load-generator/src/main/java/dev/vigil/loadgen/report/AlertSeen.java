package dev.vigil.loadgen.report;

import java.time.Instant;

/** An alert read back from alerts-api: which transaction it flags and when it was stored. */
public record AlertSeen(String transactionId, String bankId, Instant createdAt) {
}
