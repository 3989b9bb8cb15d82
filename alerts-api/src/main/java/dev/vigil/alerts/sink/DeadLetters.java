package dev.vigil.alerts.sink;

import dev.vigil.schemas.DeadLetter;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;

/** Sends records the sink cannot read or store to {@code dead-letters} ({@link DeadLetter}: untouched, with where and why). */
final class DeadLetters {

    static final String FAILED_BY = "vigil-alerts-api";

    private final Producer<byte[], byte[]> producer;
    private final Duration timeout;

    DeadLetters(Producer<byte[], byte[]> producer, Duration timeout) {
        this.producer = producer;
        this.timeout = timeout;
    }

    /** Returns once the broker acknowledged the dead letter. */
    void send(DeadLetter dead) throws ExecutionException, InterruptedException, TimeoutException {
        producer.send(dead.toProducerRecord()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
