package dev.vigil.scorer;

import dev.vigil.events.Transaction;
import dev.vigil.schemas.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.jboss.logging.Logger;

/**
 * The first processor: turns the raw bytes of a {@code transactions} record into a
 * {@link Transaction} for the scorer, or sends the record, untouched, to the dead-letter sink
 * with headers saying why. Reading bytes at the source (rather than with a value serde) is what
 * lets one unreadable record be set aside while the partition goes on.
 *
 * <p>Forwards {@code (String card token, Transaction)} to {@link ScoringTopology#SCORER} and
 * {@code (byte[], byte[])} to {@link ScoringTopology#DEAD_LETTERS_SINK}, hence {@code Object}
 * output types.
 */
final class TransactionReader implements Processor<byte[], byte[], Object, Object> {

    private static final Logger LOG = Logger.getLogger(TransactionReader.class);
    /** Apicurio's framing: magic byte 0 then a 4-byte content id. Only used to say why a value is unreadable. */
    private static final byte MAGIC_BYTE = 0;
    private static final int FRAME_HEADER_LENGTH = 5;

    private final String sourceTopic;
    private final Deserializer<Transaction> deserializer;
    private final String applicationId;
    private final ScorerMetrics metrics;
    private ProcessorContext<Object, Object> context;

    TransactionReader(String sourceTopic, Deserializer<Transaction> deserializer, String applicationId,
            ScorerMetrics metrics) {
        this.sourceTopic = sourceTopic;
        this.deserializer = deserializer;
        this.applicationId = applicationId;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        if (record.key() == null) {
            deadLetter(record, new IllegalArgumentException("record has no key"), "record has no key (the card token)");
            return;
        }
        if (record.value() == null) {
            deadLetter(record, new IllegalArgumentException("record has no value"), "record has no value (a tombstone)");
            return;
        }
        Transaction tx;
        try {
            tx = deserializer.deserialize(sourceTopic, record.headers(), record.value());
        } catch (RuntimeException e) {
            // An unreachable registry says nothing about the record: dead-lettering would lose every
            // good record of an outage. Failing the thread makes Kafka Streams abort the transaction
            // and read the record again (see ScorerBeans' exception handler), so it is scored once
            // the registry is back.
            if (Failures.isRegistryUnavailable(e)) {
                throw new RegistryUnavailableException(e);
            }
            deadLetter(record, e, whyUnreadable(record.value(), e));
            return;
        }
        context.forward(new Record<>(new String(record.key(), StandardCharsets.UTF_8), tx, record.timestamp()),
                ScoringTopology.SCORER);
    }

    /** A fixed sentence per kind of failure: exception messages may quote the bytes they choked on. */
    private static String whyUnreadable(byte[] value, RuntimeException failure) {
        if (value.length == 0) {
            return "value is empty";
        }
        if (value[0] != MAGIC_BYTE) {
            return "value does not start with the schema registry's magic byte";
        }
        if (value.length < FRAME_HEADER_LENGTH) {
            return "value is shorter than the schema registry's 5-byte header";
        }
        if (Failures.isUnknownSchema(failure)) {
            return "value refers to a schema id the registry does not have";
        }
        return "value is not a valid Avro " + Transaction.class.getSimpleName() + " for its registered schema";
    }

    private void deadLetter(Record<byte[], byte[]> record, Throwable failure, String why) {
        Throwable cause = Failures.root(failure);
        RecordMetadata source = context.recordMetadata().orElseThrow();
        Headers headers = new RecordHeaders(record.headers().toArray());
        put(headers, DeadLetterHeaders.CAUSE_CLASS, cause.getClass().getName());
        put(headers, DeadLetterHeaders.CAUSE_MESSAGE, why);
        put(headers, DeadLetterHeaders.SOURCE_TOPIC, source.topic());
        put(headers, DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(source.partition()));
        put(headers, DeadLetterHeaders.SOURCE_OFFSET, Long.toString(source.offset()));
        put(headers, DeadLetterHeaders.FAILED_BY, applicationId);
        LOG.warnf("dead-lettered %s-%d@%d: %s (%s)", source.topic(), source.partition(), source.offset(), why,
                cause.getClass().getName());
        metrics.deadLettered(cause);
        context.forward(new Record<Object, Object>(record.key(), record.value(), record.timestamp(), headers),
                ScoringTopology.DEAD_LETTERS_SINK);
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
