package dev.vigil.trainer;

import dev.vigil.schemas.ReliableProducer;
import dev.vigil.schemas.Topic;
import dev.vigil.schemas.TopicSerdes;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Publishes records to a topic through the registry serde, idempotently, waiting for every acknowledgement. */
public final class Publisher<K, V> implements AutoCloseable {

    private final Topic<K, V> topic;
    private final Producer<K, V> producer;
    // KafkaProducer.flush() returns normally after a failed send: the failure only reaches a callback
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

    public Publisher(Topic<K, V> topic, String bootstrapServers, String registryUrl) {
        this(topic, producer(topic, bootstrapServers, registryUrl));
    }

    public Publisher(Topic<K, V> topic, Producer<K, V> producer) {
        this.topic = topic;
        this.producer = producer;
    }

    private static <K, V> Producer<K, V> producer(Topic<K, V> topic, String bootstrapServers, String registryUrl) {
        TopicSerdes serdes = new TopicSerdes(registryUrl, true);
        return new KafkaProducer<>(
                ReliableProducer.settings(bootstrapServers, "batch-trainer-" + topic.name()),
                serdes.keySerde(topic).serializer(),
                serdes.valueSerde(topic).serializer());
    }

    public void send(K key, V value) {
        producer.send(new ProducerRecord<>(topic.name(), key, value), (metadata, failure) -> {
            if (failure != null) {
                firstFailure.compareAndSet(null, failure);
            }
        });
    }

    /**
     * Waits until every record sent so far is acknowledged or failed; throws with the first failure
     * if any send failed, so a caller never reports records as published that were not.
     */
    public void flush() {
        producer.flush();
        Exception failure = firstFailure.get();
        if (failure != null) {
            throw new IllegalStateException("cannot publish to " + topic.name() + ": a send failed", failure);
        }
    }

    public void sendAndWait(K key, V value) {
        try {
            producer.send(new ProducerRecord<>(topic.name(), key, value)).get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted publishing to " + topic.name(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot publish to " + topic.name(), e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
