package dev.vigil.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DeadLetterTest {

    static final byte[] KEY = "card-token".getBytes(StandardCharsets.UTF_8);
    /** Avro-framed bytes whose content is a card number: what a failure message could quote. */
    static final byte[] VALUE = {
        0, 0, 0, 0, 7, '4', '1', '1', '1', '1', '1', '1', '1', '1', '1', '1', '1', '1', '1', '1', '1'
    };

    static DeadLetter.Source source(byte[] value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace", "t-1".getBytes(StandardCharsets.UTF_8));
        return new DeadLetter.Source("fraud-alerts", 2, 41, KEY, value, headers);
    }

    @Test
    void anUnreadableRecordKeepsItsBytesAndHeadersAndSaysWhyInAFixedSentence() {
        SerializationException failure = new SerializationException(
                "could not read 4111111111111111", new org.apache.avro.AvroRuntimeException("at 4111111111111111"));

        ProducerRecord<byte[], byte[]> dead = DeadLetter.unreadable(source(VALUE), failure, Object.class, "vigil-test")
                .toProducerRecord();

        assertThat(dead.topic()).isEqualTo(Topics.DEAD_LETTERS.name());
        assertThat(dead.key()).isEqualTo(KEY);
        assertThat(dead.value()).isEqualTo(VALUE);
        assertThat(header(dead, "trace")).isEqualTo("t-1");
        assertThat(header(dead, DeadLetterHeaders.CAUSE_MESSAGE))
                .isEqualTo("value is not a valid Avro Object for its registered schema");
        assertThat(header(dead, DeadLetterHeaders.CAUSE_CLASS)).isEqualTo("org.apache.avro.AvroRuntimeException");
        assertThat(header(dead, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("fraud-alerts");
        assertThat(header(dead, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("2");
        assertThat(header(dead, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("41");
        assertThat(header(dead, DeadLetterHeaders.FAILED_BY)).isEqualTo("vigil-test");
        dead.headers().forEach(h -> assertThat(new String(h.value(), StandardCharsets.UTF_8))
                .doesNotContain("4111111111111111"));
    }

    @Test
    void saysWhatIsWrongWithTheFraming() {
        RuntimeException failure = new SerializationException("no");

        assertThat(DeadLetter.unreadable(source(new byte[0]), failure, Object.class, "t")
                        .why())
                .isEqualTo("value is empty");
        assertThat(DeadLetter.unreadable(source(new byte[] {'{'}), failure, Object.class, "t")
                        .why())
                .isEqualTo("value does not start with the schema registry's magic byte");
        assertThat(DeadLetter.unreadable(source(null), failure, Object.class, "t")
                        .why())
                .isEqualTo("record has no value (a tombstone)");
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
