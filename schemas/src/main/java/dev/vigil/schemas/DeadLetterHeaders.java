package dev.vigil.schemas;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Header names on a {@link Topics#DEAD_LETTERS} record. Values are UTF-8 strings. They describe
 * where the record came from and why it could not be read; they never carry record content.
 */
public final class DeadLetterHeaders {

    /** Exception class of the failure, e.g. {@code org.apache.kafka.common.errors.SerializationException}. */
    public static final String CAUSE_CLASS = "vigil.dlt.cause.class";
    /** Why, as a fixed sentence of the application's (never an exception's message, which could quote data). */
    public static final String CAUSE_MESSAGE = "vigil.dlt.cause.message";
    /** Topic the record was read from. */
    public static final String SOURCE_TOPIC = "vigil.dlt.source.topic";
    /** Partition the record was read from, in decimal. */
    public static final String SOURCE_PARTITION = "vigil.dlt.source.partition";
    /** Offset of the record in its source partition, in decimal. */
    public static final String SOURCE_OFFSET = "vigil.dlt.source.offset";
    /** Application that gave up on the record, e.g. {@code vigil-scorer}. */
    public static final String FAILED_BY = "vigil.dlt.failed.by";

    private DeadLetterHeaders() {}

    /**
     * The headers of a dead letter: the record's own headers, then why and from where. {@code why}
     * is a fixed sentence of the caller's, never an exception message, which could quote the bytes
     * it choked on; {@code cause} gives only its class.
     */
    public static Headers of(
            Headers original, Throwable cause, String why, String topic, int partition, long offset, String failedBy) {
        Headers headers = new RecordHeaders(original.toArray());
        put(headers, CAUSE_CLASS, cause.getClass().getName());
        put(headers, CAUSE_MESSAGE, why);
        put(headers, SOURCE_TOPIC, topic);
        put(headers, SOURCE_PARTITION, Integer.toString(partition));
        put(headers, SOURCE_OFFSET, Long.toString(offset));
        put(headers, FAILED_BY, failedBy);
        return headers;
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
