package dev.vigil.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.schemas.Topic;
import dev.vigil.schemas.TopicSerdes;
import dev.vigil.stack.LocalStack;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serde;

/** What the Kafka integration tests check in the records the tool wrote, computed without the tool's code. */
final class RecordChecks {

    private RecordChecks() {}

    /**
     * The committed records of {@code topic} from {@code from} (see {@link CommittedRecords#read}),
     * after checking that none holds one of {@code pans}.
     */
    static List<ConsumerRecord<byte[], byte[]>> readWithoutCardNumbers(
            LocalStack stack, Topic<?, ?> topic, Map<TopicPartition, Long> from, List<String> pans) {
        List<ConsumerRecord<byte[], byte[]>> records =
                CommittedRecords.read(stack.kafkaBootstrapServers(), topic.name(), from);
        assertThat(records).allSatisfy(record -> assertNoCardNumber(record, pans));
        return records;
    }

    /** The card number as text must not be anywhere in a record: not in its key, its value or a header. */
    private static void assertNoCardNumber(ConsumerRecord<byte[], byte[]> record, List<String> pans) {
        StringBuilder bytes =
                new StringBuilder(latin1(record.key())).append('\n').append(latin1(record.value()));
        for (Header header : record.headers()) {
            bytes.append('\n').append(header.key()).append('\n').append(latin1(header.value()));
        }
        String all = bytes.toString();
        assertThat(pans).noneMatch(all::contains);
    }

    private static String latin1(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** A record's key, as text, its value and its Kafka timestamp. */
    record Keyed<V>(String key, V value, Instant timestamp) {}

    /** The records' keys and values, decoded with the topic's serdes. */
    static <V> List<Keyed<V>> decode(
            LocalStack stack, Topic<String, V> topic, List<ConsumerRecord<byte[], byte[]>> records) {
        try (Serde<V> serde = new TopicSerdes(stack.registryUrl(), false).valueSerde(topic)) {
            return records.stream()
                    .map(r -> new Keyed<>(
                            new String(r.key(), StandardCharsets.UTF_8),
                            serde.deserializer().deserialize(topic.name(), r.headers(), r.value()),
                            Instant.ofEpochMilli(r.timestamp())))
                    .toList();
        }
    }

    /** The documented token, computed here without the tool's code: HMAC-SHA256, base64url without padding. */
    static String hmacSha256Base64Url(byte[] key, String pan) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(mac.doFinal(pan.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
