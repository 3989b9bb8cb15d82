package dev.vigil.schemas.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.events.Channel;
import dev.vigil.events.Transaction;
import dev.vigil.schemas.SerdeFailures;
import dev.vigil.schemas.TopicSerdes;
import dev.vigil.schemas.Topics;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

/** The real Apicurio serde against the in-memory registry: what topology tests rely on. */
class InMemoryRegistryTest {

    static final String TOPIC = Topics.TRANSACTIONS.name();

    final InMemoryRegistry registry = new InMemoryRegistry();
    final Serializer<Transaction> writer =
            new TopicSerdes(registry, true).valueSerde(Topics.TRANSACTIONS).serializer();
    final Deserializer<Transaction> reader =
            new TopicSerdes(registry, false).valueSerde(Topics.TRANSACTIONS).deserializer();

    @Test
    void aRecordWrittenWithAutoRegistrationReadsBackWithAnotherSerdeOfTheSameRegistry() {
        byte[] bytes = writer.serialize(TOPIC, new RecordHeaders(), transaction("tx-1"));

        assertThat(bytes[0]).as("Apicurio's magic byte").isZero();
        assertThat(registry.getSchemaByContentId((long) contentId(bytes))).contains("\"name\":\"Transaction\"");
        assertThat(registry.getReferencesByContentId(contentId(bytes)))
                .as("the Channel enum, registered on its own")
                .singleElement()
                .satisfies(ref -> assertThat(ref.getName()).isEqualTo("dev.vigil.events.Channel"));
        assertThat(reader.deserialize(TOPIC, new RecordHeaders(), bytes)).isEqualTo(transaction("tx-1"));
    }

    @Test
    void theSameSchemaKeepsOneVersionAndOneContentId() {
        byte[] first = writer.serialize(TOPIC, new RecordHeaders(), transaction("tx-1"));
        Serializer<Transaction> another =
                new TopicSerdes(registry, true).valueSerde(Topics.TRANSACTIONS).serializer();

        byte[] second = another.serialize(TOPIC, new RecordHeaders(), transaction("tx-2"));

        assertThat(contentId(second)).isEqualTo(contentId(first));
        assertThat(registry.getVersionCoordinatesByGAV(null, TOPIC + "-value", null)
                        .getVersion())
                .isEqualTo("1");
    }

    @Test
    void anUnknownContentIdIsA404AsFromTheRealClientSoReadersDeadLetterIt() {
        byte[] bytes = writer.serialize(TOPIC, new RecordHeaders(), transaction("tx-1"));
        ByteBuffer.wrap(bytes, 1, 4).putInt(contentId(bytes) + 1000);

        assertThatThrownBy(() -> reader.deserialize(TOPIC, new RecordHeaders(), bytes))
                .satisfies(e -> assertThat(SerdeFailures.isUnknownSchema(e)).isTrue())
                .satisfies(
                        e -> assertThat(SerdeFailures.isRegistryUnavailable(e)).isFalse());
    }

    @Test
    void aWriterThatMayNotRegisterNeedsTheSchemaRegisteredFirst() {
        Serializer<Transaction> strict =
                new TopicSerdes(registry, false).valueSerde(Topics.TRANSACTIONS).serializer();
        assertThatThrownBy(() -> strict.serialize(TOPIC, new RecordHeaders(), transaction("tx-1")))
                .isInstanceOf(RuntimeException.class);

        byte[] registered = writer.serialize(TOPIC, new RecordHeaders(), transaction("tx-1"));
        Serializer<Transaction> strictAfter =
                new TopicSerdes(registry, false).valueSerde(Topics.TRANSACTIONS).serializer();

        assertThat(contentId(strictAfter.serialize(TOPIC, new RecordHeaders(), transaction("tx-2"))))
                .isEqualTo(contentId(registered));
    }

    /** The 4-byte content id after the magic byte. */
    static int contentId(byte[] value) {
        return ByteBuffer.wrap(value, 1, 4).getInt();
    }

    static Transaction transaction(String id) {
        Instant at = Instant.parse("2026-11-23T10:15:30Z");
        return Transaction.newBuilder()
                .setTransactionId(id)
                .setBankId("bank-a")
                .setCardToken("tok-1")
                .setCardBin("455673")
                .setCardLast4("9855")
                .setAmountMinor(1_234)
                .setCurrency("EUR")
                .setMerchantId("m-1")
                .setMcc("5411")
                .setMerchantCountry("DE")
                .setChannel(Channel.CARD_PRESENT)
                .setEventTime(at)
                .setUtcOffsetMinutes(60)
                .setReceivedAt(at)
                .build();
    }
}
