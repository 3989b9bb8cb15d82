package dev.vigil.ingest.testing;

import dev.vigil.ingest.card.CardNumber;
import dev.vigil.ingest.card.PanTokenizer;
import dev.vigil.schemas.Topic;
import dev.vigil.schemas.TopicSerdes;
import org.apache.kafka.common.serialization.Deserializer;
import org.eclipse.microprofile.config.ConfigProvider;

/** What a {@code @QuarkusTest} needs to know of the running application's configuration. */
public final class AppConfig {

    private AppConfig() {
    }

    public static String get(String name) {
        return ConfigProvider.getConfig().getValue(name, String.class);
    }

    /** A probe on the broker the application writes to. */
    public static KafkaProbe kafkaProbe() {
        return new KafkaProbe(get("kafka.bootstrap.servers"));
    }

    /** A value deserializer of {@code topic} on the registry the application uses. */
    public static <V> Deserializer<V> deserializer(Topic<String, V> topic) {
        return new TopicSerdes(get("apicurio.registry.url"), false).valueSerde(topic).deserializer();
    }

    /** The token the application gives {@code pan}, computed independently of its beans. */
    public static String tokenOf(String pan) {
        byte[] key = PanTokenizer.decodeKey(get("vigil.ingest.pan-token-key"), "vigil.ingest.pan-token-key");
        return new PanTokenizer(key).tokenize(CardNumber.parse(pan).value()).token();
    }
}
