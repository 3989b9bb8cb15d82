package dev.vigil.ingest.card;

/**
 * What is kept of a card number: its keyed token (the Kafka key), the BIN, the last four digits and
 * the issuer's country looked up from its leading digits ({@code null} when the BIN table does not
 * know them).
 */
public record CardToken(String token, String bin, String last4, String country) {
}
