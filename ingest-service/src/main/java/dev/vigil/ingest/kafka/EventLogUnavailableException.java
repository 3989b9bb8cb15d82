package dev.vigil.ingest.kafka;

/**
 * Kafka (or the schema registry the serializer needs) did not take a record in time. The request
 * answers 503 and the client retries; nothing was promised.
 */
public final class EventLogUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EventLogUnavailableException(String message) {
        super(message, null, false, false);
    }
}
