package dev.vigil.ingest.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;

/** Settings every Kafka client of this service shares. */
final class KafkaClients {

    static final String CLIENT_ID = "vigil-ingest";

    private KafkaClients() {}

    static Map<String, Object> common(String bootstrapServers, String role) {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, CLIENT_ID + "-" + role);
        return config;
    }
}
