package dev.vigil.alerts.sink;

import dev.vigil.schemas.DeadLetterHeaders;
import dev.vigil.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;

/** Sends records the sink cannot read to {@code dead-letters}, untouched, with where they came from and why. */
final class DeadLetters {

    static final String FAILED_BY = "vigil-alerts-api";

    private final Producer<byte[], byte[]> producer;
    private final Duration timeout;

    DeadLetters(Producer<byte[], byte[]> producer, Duration timeout) {
        this.producer = producer;
        this.timeout = timeout;
    }

    /** Returns once the broker acknowledged the dead letter. */
    void send(ConsumerRecord<byte[], byte[]> record, Throwable cause)
            throws ExecutionException, InterruptedException, TimeoutException {
        ProducerRecord<byte[], byte[]> dead = new ProducerRecord<>(Topics.DEAD_LETTERS.name(), null, record.key(), record.value());
        Headers headers = dead.headers();
        put(headers, DeadLetterHeaders.CAUSE_CLASS, cause.getClass().getName());
        put(headers, DeadLetterHeaders.CAUSE_MESSAGE, String.valueOf(cause.getMessage()));
        put(headers, DeadLetterHeaders.SOURCE_TOPIC, record.topic());
        put(headers, DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(record.partition()));
        put(headers, DeadLetterHeaders.SOURCE_OFFSET, Long.toString(record.offset()));
        put(headers, DeadLetterHeaders.FAILED_BY, FAILED_BY);
        producer.send(dead).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void put(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
