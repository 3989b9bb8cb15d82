package dev.vigil.scorer;

import static dev.vigil.scorer.CardTransactions.CARD;
import static dev.vigil.scorer.CardTransactions.HOME;
import static dev.vigil.scorer.CardTransactions.MIDNIGHT;
import static dev.vigil.scorer.CardTransactions.ONE_MINUTE_LATER;
import static dev.vigil.scorer.CardTransactions.tx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.features.CardProfile;
import dev.vigil.schemas.DeadLetterHeaders;
import dev.vigil.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeadLetterTest {

    /** Looks like a card number on purpose: it must not reach any header. */
    static final String CARD_NUMBER = "4111111111111111";

    @TempDir
    Path stateDir;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "text instead of Avro, value does not start with the schema registry's magic byte, java.lang.IllegalStateException",
        "unknown schema id, value refers to a schema id the registry does not have, io.apicurio.registry.rest.client.models.ProblemDetails",
        "Avro body that does not decode, value is not a valid Avro Transaction for its registered schema, java.io.EOFException",
        "empty value, value is empty, java.lang.ArrayIndexOutOfBoundsException",
    })
    void aPoisonRecordGoesToDeadLettersWithHeadersAndTheNextGoodRecordIsScored(
            String poison, String why, String causeClass) {
        try (ScorerDriver scorer = new ScorerDriver(stateDir)) {
            byte[] good = scorer.avro(tx("tx-good-0", 1_000, HOME, MIDNIGHT));
            byte[] value =
                    switch (poison) {
                        case "text instead of Avro" -> ("card " + CARD_NUMBER).getBytes(StandardCharsets.UTF_8);
                        case "unknown schema id" -> withContentId(good, 0x7fff_0000);
                        case "Avro body that does not decode" -> Arrays.copyOf(good, 9);
                        default -> new byte[0];
                    };
            byte[] key = CARD.getBytes(StandardCharsets.UTF_8);
            scorer.send(tx("tx-good-0", 1_000, HOME, MIDNIGHT));

            scorer.transactions.pipeInput(key, value, ONE_MINUTE_LATER);
            scorer.send(tx("tx-good-1", 1_000, HOME, ONE_MINUTE_LATER.plusSeconds(1)));

            TestRecord<byte[], byte[]> dead = scorer.deadLetters.readRecord();
            assertThat(dead.key()).isEqualTo(key);
            assertThat(dead.value()).isEqualTo(value);
            Headers headers = dead.headers();
            assertThat(header(headers, DeadLetterHeaders.CAUSE_MESSAGE)).isEqualTo(why);
            assertThat(header(headers, DeadLetterHeaders.CAUSE_CLASS)).isEqualTo(causeClass);
            assertThat(header(headers, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topics.TRANSACTIONS.name());
            assertThat(header(headers, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("0");
            assertThat(header(headers, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("1");
            assertThat(header(headers, DeadLetterHeaders.FAILED_BY)).isEqualTo("vigil-scorer");
            assertThat(headers.toArray()).noneSatisfy(h -> assertThat(new String(h.value(), StandardCharsets.UTF_8))
                    .contains(CARD_NUMBER));
            assertThat(scorer.deadLetters.isEmpty()).isTrue();
            assertThat(profile(scorer).count()).as("both good records scored").isEqualTo(2);
            assertThat(scorer.meters.find("vigil.scorer.dead.letters").counter().count())
                    .isEqualTo(1);
        }
    }

    @Test
    void aReusedTransactionIdWithOtherContentGoesToDeadLettersWithItsCauseAndIsNotScored() {
        try (ScorerDriver scorer = new ScorerDriver(stateDir)) {
            scorer.send(tx("tx-1", 1_000, HOME, MIDNIGHT));

            scorer.send(tx("tx-1", 99_000, HOME, MIDNIGHT));

            TestRecord<byte[], byte[]> dead = scorer.deadLetters.readRecord();
            assertThat(header(dead.headers(), DeadLetterHeaders.CAUSE_MESSAGE))
                    .isEqualTo("a transaction with this card and id was scored with other content");
            assertThat(header(dead.headers(), DeadLetterHeaders.CAUSE_CLASS))
                    .isEqualTo(ConflictingTransactionException.class.getName());
            assertThat(header(dead.headers(), DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("1");
            assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo(CARD);
            assertThat(dead.value())
                    .as("the record, readable")
                    .isEqualTo(scorer.avro(tx("tx-1", 99_000, HOME, MIDNIGHT)));
            assertThat(scorer.scores.readValuesToList())
                    .as("only the first content is scored")
                    .hasSize(1);
            assertThat(profile(scorer).count()).isEqualTo(1);
            assertThat(scorer.meters
                            .find("vigil.scorer.dead.letters")
                            .tag("cause", "ConflictingTransactionException")
                            .counter()
                            .count())
                    .isEqualTo(1);
            assertThat(scorer.meters.find("vigil.scorer.duplicates").counter().count())
                    .isZero();
        }
    }

    @Test
    void aRecordWithoutAKeyGoesToDeadLetters() {
        try (ScorerDriver scorer = new ScorerDriver(stateDir)) {
            scorer.transactions.pipeInput(null, scorer.avro(tx("tx-1", 1_000, HOME, MIDNIGHT)), MIDNIGHT);

            assertThat(header(scorer.deadLetters.readRecord().headers(), DeadLetterHeaders.CAUSE_MESSAGE))
                    .isEqualTo("record has no key (the card token)");
        }
    }

    static CardProfile profile(ScorerDriver scorer) {
        KeyValueStore<String, CardProfile> store = scorer.driver.getKeyValueStore(ScoringTopology.PROFILES_STORE);
        return store.get(CARD);
    }

    /** The value with another 4-byte content id after the magic byte. */
    static byte[] withContentId(byte[] value, int contentId) {
        byte[] copy = value.clone();
        java.nio.ByteBuffer.wrap(copy, 1, 4).putInt(contentId);
        return copy;
    }

    static String header(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
