package dev.vigil.ingest.transaction;

import static dev.vigil.ingest.testing.SampleRequests.NOW;
import static dev.vigil.ingest.testing.SampleRequests.VISA;
import static dev.vigil.ingest.testing.SampleRequests.transaction;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.card.BinCountries;
import dev.vigil.card.CardToken;
import dev.vigil.events.Channel;
import dev.vigil.events.Transaction;
import dev.vigil.ingest.card.CardNumber;
import dev.vigil.ingest.card.PanTokenizer;
import dev.vigil.ingest.json.JsonReader;
import dev.vigil.ingest.testing.JsonText;
import dev.vigil.schemas.TransactionContent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TransactionEventsTest {

    static final PanTokenizer TOKENIZER = new PanTokenizer(
            "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII), BinCountries.defaults());
    static final Instant RECEIVED = NOW.plusMillis(250);

    private final TransactionValidator validator = new TransactionValidator(
            TransactionValidatorTest.MAX_MINOR, TransactionValidatorTest.FIVE_MINUTES_AHEAD_SEVEN_DAYS_BEHIND);

    private Transaction event(JsonText json, Instant receivedAt) throws Exception {
        TransactionRequest request =
                validator.validate(new JsonReader(8).read(json.bytes()), NOW).value();
        return TransactionEvents.toEvent(request, TOKENIZER.tokenize(request.card()), receivedAt);
    }

    @Test
    void carriesTheTokenBinAndLastFourInsteadOfTheCardNumber() throws Exception {
        Transaction event = event(transaction(), RECEIVED);
        CardToken expected = TOKENIZER.tokenize(CardNumber.parse(VISA).value());

        assertThat(event.getCardToken()).isEqualTo(expected.token());
        assertThat(event.getCardBin()).isEqualTo("411111");
        assertThat(event.getCardLast4()).isEqualTo("1111");
        ByteBuffer encoded = event.toByteBuffer();
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain(VISA);
    }

    @Test
    void carriesTheIssuingCountryOfTheCardsBinWhenTheTableKnowsIt() throws Exception {
        Transaction german = event(transaction().text("pan", "4556491234567890"), RECEIVED);
        Transaction unknown = event(transaction(), RECEIVED);

        assertThat(german.getCardBin()).isEqualTo("455649");
        assertThat(german.getCardCountry())
                .as("455649 is a German BIN in the demo table")
                .isEqualTo("DE");
        assertThat(unknown.getCardCountry())
                .as("411111 is not in the demo table")
                .isNull();
    }

    @Test
    void mapsEveryFieldOfTheDocumentedExample() throws Exception {
        Transaction event = event(transaction(), RECEIVED);

        assertThat(event.getTransactionId()).isEqualTo("tx-000123");
        assertThat(event.getBankId()).isEqualTo("bank-a");
        assertThat(event.getAmountMinor()).isEqualTo(1234);
        assertThat(event.getCurrency()).isEqualTo("EUR");
        assertThat(event.getMerchantId()).isEqualTo("m-042");
        assertThat(event.getMcc()).isEqualTo("5411");
        assertThat(event.getMerchantCountry()).isEqualTo("DE");
        assertThat(event.getTerminalId()).isEqualTo("t-9");
        assertThat(event.getChannel()).isEqualTo(Channel.CARD_PRESENT);
        assertThat(event.getLatitude()).isEqualTo(52.52);
        assertThat(event.getLongitude()).isEqualTo(13.40);
        assertThat(event.getEventTime()).isEqualTo(Instant.parse("2026-11-22T09:15:00Z"));
        assertThat(event.getUtcOffsetMinutes()).isEqualTo(60);
        assertThat(event.getReceivedAt()).isEqualTo(RECEIVED);
    }

    @Test
    void contentHashIgnoresSpellingAndReceptionTime() throws Exception {
        String asString = TransactionContent.hash(event(transaction().text("amount", "12.30"), RECEIVED));
        String asNumber = TransactionContent.hash(event(transaction().raw("amount", "12.3"), RECEIVED.plusSeconds(9)));

        assertThat(asString).isEqualTo(asNumber).hasSize(64);
    }

    @Test
    void contentHashChangesWithAnyField() throws Exception {
        String original = TransactionContent.hash(event(transaction(), RECEIVED));

        assertThat(TransactionContent.hash(event(transaction().text("amount", "12.35"), RECEIVED)))
                .isNotEqualTo(original);
        assertThat(TransactionContent.hash(event(transaction().text("pan", "5555555555554444"), RECEIVED)))
                .isNotEqualTo(original);
        assertThat(TransactionContent.hash(event(transaction().without("terminalId"), RECEIVED)))
                .isNotEqualTo(original);
        assertThat(TransactionContent.hash(event(transaction().text("timestamp", "2026-11-22T09:15:00Z"), RECEIVED)))
                .as("same instant, other offset: the local time of day differs")
                .isNotEqualTo(original);
    }
}
