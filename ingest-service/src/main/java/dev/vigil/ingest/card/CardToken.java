package dev.vigil.ingest.card;

/**
 * What is kept of a card number: its keyed token (the Kafka key), the BIN and the last four digits.
 */
public record CardToken(String token, String bin, String last4) {
}
