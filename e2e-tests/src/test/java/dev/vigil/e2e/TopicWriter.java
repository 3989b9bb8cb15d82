package dev.vigil.e2e;

import dev.vigil.schemas.Topic;
import dev.vigil.schemas.TopicSerdes;
import dev.vigil.stack.LocalStack;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;

/** Records put on the broker's topics as another system would: typed through the registry, or raw bytes. */
final class TopicWriter {

    private TopicWriter() {}

    /** Produces one record with the topic's serdes (registering its schema) and waits for the broker's ack. */
    static <K, V> void send(LocalStack stack, Topic<K, V> topic, K key, V value) {
        TopicSerdes serdes = new TopicSerdes(stack.registryUrl(), true);
        try (Serde<K> keys = serdes.keySerde(topic);
                Serde<V> values = serdes.valueSerde(topic);
                KafkaProducer<K, V> producer =
                        new KafkaProducer<>(config(stack), keys.serializer(), values.serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not produce to " + topic.name(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Bytes no deserializer can read, as a broken producer would write them. */
    static void sendRaw(LocalStack stack, String topic, byte[] key, byte[] value) {
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(config(stack), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not produce to " + topic, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> config(LocalStack stack) {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all");
    }
}
