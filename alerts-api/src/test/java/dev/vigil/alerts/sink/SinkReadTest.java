package dev.vigil.alerts.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.kiota.ApiException;
import dev.vigil.events.Alert;
import dev.vigil.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

/** How the sink tells poison from an outage of the registry, with a deserializer that fails as told. */
class SinkReadTest {

    static final TopicPartition PARTITION = new TopicPartition(Topics.FRAUD_ALERTS.name(), 0);

    static ConsumerRecords<byte[], byte[]> oneRecord() {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(PARTITION.topic(), 0, 7, 0L, TimestampType.CREATE_TIME,
                4, 6, "card".getBytes(StandardCharsets.UTF_8), new byte[] {0, 0, 0, 0, 1, 2}, new RecordHeaders(),
                Optional.empty());
        return new ConsumerRecords<>(Map.of(PARTITION, List.of(record)), Map.of());
    }

    static SinkLoop failingWith(RuntimeException failure) {
        Deserializer<Alert> deserializer = (topic, bytes) -> {
            throw failure;
        };
        return new SinkLoop(null, deserializer, null, null, null, null, null, null, null);
    }

    static RuntimeException registryAnswered(int status) {
        return new SerializationException("cannot read", new ApiException("registry answered") {
            {
                setResponseStatusCode(status);
            }
        });
    }

    @Test
    void aRegistryAnswering503IsAnOutageAndTheBatchIsReadAgainNotDeadLettered() {
        SinkLoop sink = failingWith(registryAnswered(503));

        assertThatThrownBy(() -> sink.read(oneRecord())).isInstanceOf(SinkLoop.RegistryUnavailable.class);
    }

    @Test
    void anUnknownSchemaIdIsPoisonDeadLetteredWithAFixedSentence() throws Exception {
        SinkLoop.Batch batch = failingWith(registryAnswered(404)).read(oneRecord());

        assertThat(batch.alerts()).isEmpty();
        assertThat(batch.poison()).singleElement().satisfies(dead -> {
            assertThat(dead.why()).isEqualTo("value refers to a schema id the registry does not have");
            assertThat(dead.value()).isEqualTo(new byte[] {0, 0, 0, 0, 1, 2});
        });
        assertThat(batch.next().get(PARTITION).offset()).as("committed past it").isEqualTo(8);
    }
}
