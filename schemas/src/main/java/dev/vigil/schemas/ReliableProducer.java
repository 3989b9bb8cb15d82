package dev.vigil.schemas;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The settings every Vigil producer writes a topic with: {@code acks=all} and idempotence, so a
 * record the broker acknowledged survives a broker's loss and a retry never writes it twice. The
 * one place they are written; callers add their own time-outs and batching to the returned map.
 */
public final class ReliableProducer {

    private ReliableProducer() {}

    /** A mutable map with the servers, the client id and the reliability settings. */
    public static Map<String, Object> settings(String bootstrapServers, String clientId) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return config;
    }
}
