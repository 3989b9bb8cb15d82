package dev.vigil.schemas;

import io.apicurio.registry.resolver.client.RegistryClientFacade;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.avro.AvroSerde;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.apicurio.registry.serde.config.SerdeConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Builds the serdes of a {@link Topic}: Avro specific records through the Apicurio Registry serde
 * (schemas registered per topic, {@code <topic>-value}), strings and bytes as themselves.
 *
 * <p>One instance per registry; the serdes it returns are configured and ready to use.
 */
public final class TopicSerdes {

    private final Map<String, Object> registryConfig;
    /** The registry to ask instead of one at a URL; null: each serde makes its own client from the URL. */
    private final RegistryClientFacade client;

    /**
     * @param registryUrl  Apicurio Registry v3 API base, e.g. {@code http://127.0.0.1:8081/apis/registry/v3}
     * @param autoRegister whether serializers register a schema the registry does not have yet
     */
    public TopicSerdes(String registryUrl, boolean autoRegister) {
        Map<String, Object> config = config(autoRegister);
        config.put(SerdeConfig.REGISTRY_URL, Objects.requireNonNull(registryUrl, "registryUrl"));
        this.registryConfig = Map.copyOf(config);
        this.client = null;
    }

    /**
     * The same serdes against a registry client of the caller's, Apicurio's own seam for it (tests use
     * an in-memory registry through it, so the serde they run is the one services run).
     */
    public TopicSerdes(RegistryClientFacade client, boolean autoRegister) {
        this.registryConfig = Map.copyOf(config(autoRegister));
        this.client = Objects.requireNonNull(client, "client");
    }

    private static Map<String, Object> config(boolean autoRegister) {
        Map<String, Object> config = new HashMap<>();
        config.put(SerdeConfig.AUTO_REGISTER_ARTIFACT, autoRegister);
        config.put(SerdeConfig.AUTO_REGISTER_ARTIFACT_IF_EXISTS, "FIND_OR_CREATE_VERSION");
        config.put(AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, true);
        config.put(AvroSerdeConfig.AVRO_DATUM_PROVIDER, CachedDatumProvider.class.getName());
        return config;
    }

    public <K> Serde<K> keySerde(Topic<K, ?> topic) {
        return serdeFor(topic.keyType(), true);
    }

    public <V> Serde<V> valueSerde(Topic<?, V> topic) {
        return serdeFor(topic.valueType(), false);
    }

    @SuppressWarnings("unchecked")
    private <T> Serde<T> serdeFor(Class<T> type, boolean isKey) {
        if (type == String.class) {
            return (Serde<T>) Serdes.String();
        }
        if (type == byte[].class) {
            return (Serde<T>) Serdes.ByteArray();
        }
        if (SpecificRecord.class.isAssignableFrom(type)) {
            AvroSerde<T> serde = client == null ? new AvroSerde<>() : new ClientSerde<>(client);
            serde.configure(registryConfig, isKey);
            return serde;
        }
        throw new IllegalArgumentException("no serde for " + type.getName());
    }

    /** Apicurio's Avro serde with the given client instead of one made from the URL. */
    private static final class ClientSerde<T> extends AvroSerde<T> {
        ClientSerde(RegistryClientFacade client) {
            super(new AvroKafkaSerializer<>(client), new AvroKafkaDeserializer<>(client));
        }
    }
}
