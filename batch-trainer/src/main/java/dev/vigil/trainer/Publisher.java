package dev.vigil.trainer;

import dev.vigil.schemas.Topic;
import dev.vigil.schemas.TopicSerdes;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Publishes records to a topic through the registry serde, idempotently, waiting for every acknowledgement. */
final class Publisher<K, V> implements AutoCloseable {

    private final Topic<K, V> topic;
    private final KafkaProducer<K, V> producer;

    Publisher(Topic<K, V> topic, String bootstrapServers, String registryUrl) {
        TopicSerdes serdes = new TopicSerdes(registryUrl, true);
        this.topic = topic;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.CLIENT_ID_CONFIG, "batch-trainer-" + topic.name()),
                serdes.keySerde(topic).serializer(), serdes.valueSerde(topic).serializer());
    }

    void send(K key, V value) {
        producer.send(new ProducerRecord<>(topic.name(), key, value));
    }

    /** Waits until every record sent so far is acknowledged; throws if any was not. */
    void flush() {
        producer.flush();
    }

    void sendAndWait(K key, V value) {
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
