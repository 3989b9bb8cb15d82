package dev.vigil.schemas;

/**
 * Header names on a {@link Topics#DEAD_LETTERS} record. Values are UTF-8 strings. They describe
 * where the record came from and why it could not be read; they never carry record content.
 */
public final class DeadLetterHeaders {

    /** Exception class of the failure, e.g. {@code org.apache.kafka.common.errors.SerializationException}. */
    public static final String CAUSE_CLASS = "vigil.dlt.cause.class";
    /** Exception message of the failure (producers of dead letters make sure it holds no card data). */
    public static final String CAUSE_MESSAGE = "vigil.dlt.cause.message";
    /** Topic the record was read from. */
    public static final String SOURCE_TOPIC = "vigil.dlt.source.topic";
    /** Partition the record was read from, in decimal. */
    public static final String SOURCE_PARTITION = "vigil.dlt.source.partition";
    /** Offset of the record in its source partition, in decimal. */
    public static final String SOURCE_OFFSET = "vigil.dlt.source.offset";
    /** Application that gave up on the record, e.g. {@code vigil-scorer}. */
    public static final String FAILED_BY = "vigil.dlt.failed.by";

    private DeadLetterHeaders() {
    }
}
