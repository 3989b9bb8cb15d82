package dev.vigil.loadgen.report;

import dev.vigil.loadgen.scenario.Scenario;
import java.time.Instant;

/**
 * A transaction ingest accepted, as the detection report needs it: no card number.
 *
 * @param scenario {@code null} for a genuine transaction
 * @param sentAt   when it was meant to be sent (wall clock), which alert latency is measured from; {@code null}
 *                 for history imported in its own event time (no latency to measure)
 */
public record SentTransaction(String transactionId, String bankId, Scenario scenario, Instant sentAt) {}
