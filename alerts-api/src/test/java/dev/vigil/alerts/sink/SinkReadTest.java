package dev.vigil.alerts.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.kiota.ApiException;
import dev.vigil.alerts.AlertFixtures;
import dev.vigil.events.Alert;
import dev.vigil.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(
                PARTITION.topic(),
                0,
                7,
                0L,
                TimestampType.CREATE_TIME,
                4,
                6,
                "card".getBytes(StandardCharsets.UTF_8),
                new byte[] {0, 0, 0, 0, 1, 2},
                new RecordHeaders(),
                Optional.empty());
        return new ConsumerRecords<>(Map.of(PARTITION, List.of(record)), Map.of());
    }

    static final Instant READ_AT = Instant.parse("2026-11-22T09:16:00Z");

    static SinkLoop reading(Deserializer<Alert> deserializer) {
        return new SinkLoop(
                null, deserializer, null, null, null, null, null, null, null, Clock.fixed(READ_AT, ZoneOffset.UTC));
    }

    static SinkLoop failingWith(RuntimeException failure) {
        return reading((topic, bytes) -> {
            throw failure;
        });
    }

    static RuntimeException registryAnswered(int status) {
        return new SerializationException("cannot read", new ApiException("registry answered") {
            {
                setResponseStatusCode(status);
            }
        });
    }

    @Test
    void aReadableAlertIsCreatedAtTheTimeOfTheSinksClock() throws Exception {
        Alert alert = AlertFixtures.alert("bank-a", "tx-1", AlertFixtures.NINE_FIFTEEN, 0.9);

        SinkLoop.Batch batch = reading((topic, bytes) -> alert).read(oneRecord());

        assertThat(batch.poison()).isEmpty();
        assertThat(batch.alerts()).singleElement().satisfies(stored -> {
            assertThat(stored.transactionId()).isEqualTo("tx-1");
            assertThat(stored.createdAt()).isEqualTo(READ_AT);
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
