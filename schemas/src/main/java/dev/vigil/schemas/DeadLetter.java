package dev.vigil.schemas;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * A record set aside on {@link Topics#DEAD_LETTERS}: its original key and value bytes, its own
 * headers and {@link DeadLetterHeaders} saying why and from where. The one way every reader of a
 * topic (the scorer, the alert sink) writes a dead letter; each sends it with its own client.
 */
public record DeadLetter(byte[] key, byte[] value, Headers headers) {

    /** Apicurio's framing: magic byte 0 then a 4-byte content id. Only used to say why a value is unreadable. */
    private static final byte MAGIC_BYTE = 0;

    private static final int FRAME_HEADER_LENGTH = 5;

    /** Where a record was read: topic, partition, offset, and its key, value and headers. */
    public record Source(String topic, int partition, long offset, byte[] key, byte[] value, Headers headers) {}

    /**
     * A record whose value could not be deserialized as {@code valueType} (call it only when
     * {@link SerdeFailures#isRegistryUnavailable} is false: an outage is not the record's fault).
     */
    public static DeadLetter unreadable(Source source, Throwable failure, Class<?> valueType, String failedBy) {
        return refused(
                source, SerdeFailures.root(failure), whyUnreadable(source.value(), failure, valueType), failedBy);
    }

    /** A record refused for {@code why}, a fixed sentence (never an exception message, which could quote data). */
    public static DeadLetter refused(Source source, Throwable cause, String why, String failedBy) {
        return new DeadLetter(
                source.key(),
                source.value(),
                DeadLetterHeaders.of(
                        source.headers(), cause, why, source.topic(), source.partition(), source.offset(), failedBy));
    }

    /** The fixed sentence saying why, from {@link DeadLetterHeaders#CAUSE_MESSAGE}. */
    public String why() {
        return header(DeadLetterHeaders.CAUSE_MESSAGE);
    }

    /** The class of the failure, from {@link DeadLetterHeaders#CAUSE_CLASS}. */
    public String causeClass() {
        return header(DeadLetterHeaders.CAUSE_CLASS);
    }

    public ProducerRecord<byte[], byte[]> toProducerRecord() {
        return new ProducerRecord<>(Topics.DEAD_LETTERS.name(), null, key, value, headers);
    }

    private String header(String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    /** A fixed sentence per kind of failure: exception messages may quote the bytes they choked on. */
    private static String whyUnreadable(byte[] value, Throwable failure, Class<?> valueType) {
        if (value == null) {
            return "record has no value (a tombstone)";
        }
        if (value.length == 0) {
            return "value is empty";
        }
        if (value[0] != MAGIC_BYTE) {
            return "value does not start with the schema registry's magic byte";
        }
        if (value.length < FRAME_HEADER_LENGTH) {
            return "value is shorter than the schema registry's 5-byte header";
        }
        if (SerdeFailures.isUnknownSchema(failure)) {
            return "value refers to a schema id the registry does not have";
        }
        return "value is not a valid Avro " + valueType.getSimpleName() + " for its registered schema";
    }
}
