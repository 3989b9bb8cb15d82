package dev.vigil.scorer;

import dev.vigil.events.Transaction;
import dev.vigil.schemas.DeadLetter;
import dev.vigil.schemas.SerdeFailures;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

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

    private final String sourceTopic;
    private final Deserializer<Transaction> deserializer;
    private final String applicationId;
    private final ScorerMetrics metrics;
    private ProcessorContext<Object, Object> context;

    TransactionReader(
            String sourceTopic, Deserializer<Transaction> deserializer, String applicationId, ScorerMetrics metrics) {
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
            refuse(record, new IllegalArgumentException("record has no key"), "record has no key (the card token)");
            return;
        }
        Transaction tx;
        try {
            if (record.value() == null) {
                throw new IllegalArgumentException("record has no value");
            }
            tx = deserializer.deserialize(sourceTopic, record.headers(), record.value());
        } catch (RuntimeException e) {
            // An unreachable registry says nothing about the record: dead-lettering would lose every
            // good record of an outage. Failing the thread makes Kafka Streams abort the transaction
            // and read the record again (see ScorerBeans' exception handler), so it is scored once
            // the registry is back.
            if (SerdeFailures.isRegistryUnavailable(e)) {
                throw new RegistryUnavailableException(e);
            }
            DeadLetter dead = DeadLetter.unreadable(
                    source(context, record.key(), record.value(), record.headers()),
                    e,
                    Transaction.class,
                    applicationId);
            DeadLetterForward.forward(context, dead, record.timestamp(), metrics);
            return;
        }
        context.forward(
                new Record<>(new String(record.key(), StandardCharsets.UTF_8), tx, record.timestamp()),
                ScoringTopology.SCORER);
    }

    private void refuse(Record<byte[], byte[]> record, RuntimeException cause, String why) {
        DeadLetter dead = DeadLetter.refused(
                source(context, record.key(), record.value(), record.headers()), cause, why, applicationId);
        DeadLetterForward.forward(context, dead, record.timestamp(), metrics);
    }

    /** Where the record in process was read, with the given bytes and headers. */
    static DeadLetter.Source source(ProcessorContext<?, ?> context, byte[] key, byte[] value, Headers headers) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        return new DeadLetter.Source(source.topic(), source.partition(), source.offset(), key, value, headers);
    }
}
