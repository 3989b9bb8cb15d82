package dev.vigil.ingest.transaction;

import static dev.vigil.ingest.testing.SampleRequests.FIVE_MINUTES_AGO_IN_BERLIN;
import static dev.vigil.ingest.testing.SampleRequests.NOW;
import static dev.vigil.ingest.testing.SampleRequests.transaction;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.ingest.json.JsonReader;
import dev.vigil.ingest.json.MalformedJsonException;
import dev.vigil.ingest.testing.JsonText;
import dev.vigil.ingest.validation.Validation;
import dev.vigil.problems.FieldError;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatchValidatorTest {

    private final BatchValidator validator = new BatchValidator(
            new TransactionValidator(
                    TransactionValidatorTest.MAX_MINOR, TransactionValidatorTest.FIVE_MINUTES_AHEAD_SEVEN_DAYS_BEHIND),
            3);

    private Validation<List<TransactionRequest>> validate(String body) {
        try {
            return validator.validate(new JsonReader(8).read(body.getBytes()), NOW);
        } catch (MalformedJsonException e) {
            throw new AssertionError(e);
        }
    }

    private static String batch(JsonText... transactions) {
        return "{\"transactions\":["
                + List.of(transactions).stream().map(JsonText::render).collect(Collectors.joining(",")) + "]}";
    }

    private static JsonText tx(int n) {
        return transaction("tx-" + n, FIVE_MINUTES_AGO_IN_BERLIN);
    }

    @Test
    void acceptsBatchUpToTheMaximumInOrder() {
        Validation<List<TransactionRequest>> result = validate(batch(tx(1), tx(2), tx(3)));

        assertThat(result.errors()).isEmpty();
        assertThat(result.value())
                .extracting(TransactionRequest::transactionId)
                .containsExactly("tx-1", "tx-2", "tx-3");
    }

    @Test
    void namesErrorsByElementIndexAndReportsThemAll() {
        Validation<List<TransactionRequest>> result = validate(batch(
                tx(1),
                tx(2).text("amount", "1.234"),
                tx(3).text("pan", "4111111111111112").text("mcc", "1")));

        assertThat(result.isValid()).isFalse();
        assertThat(result.errors())
                .containsExactly(
                        new FieldError("transactions[1].amount", "has more decimal places than EUR allows (2)"),
                        new FieldError("transactions[2].pan", "fails the Luhn check"),
                        new FieldError("transactions[2].mcc", "must be exactly 4 digits"));
    }

    @Test
    void rejectsBatchLargerThanTheMaximum() {
        String four =
                batch(IntStream.range(0, 4).mapToObj(BatchValidatorTest::tx).toArray(JsonText[]::new));

        assertThat(validate(four).errors())
                .containsExactly(new FieldError("transactions", "must hold 1 to 3 transactions"));
    }

    @Test
    void rejectsEmptyBatch() {
        assertThat(validate("{\"transactions\":[]}").errors())
                .containsExactly(new FieldError("transactions", "must hold 1 to 3 transactions"));
    }

    @Test
    void rejectsBatchWithoutTransactions() {
        assertThat(validate("{}").errors()).containsExactly(new FieldError("transactions", "is required"));
    }

    @Test
    void rejectsTransactionsThatAreNotAnArray() {
        assertThat(validate("{\"transactions\":" + tx(1).render() + "}").errors())
                .containsExactly(new FieldError("transactions", "must be an array, not an object"));
    }

    @Test
    void rejectsElementThatIsNotAnObject() {
        assertThat(validate("{\"transactions\":[" + tx(1).render() + ",\"tx\"]}")
                        .errors())
                .containsExactly(new FieldError("transactions[1]", "must be a JSON object, not a string"));
    }

    @Test
    void rejectsUnknownTopLevelField() {
        assertThat(validate("{\"transactions\":[" + tx(1).render() + "],\"dryRun\":true}")
                        .errors())
                .containsExactly(new FieldError("dryRun", "is not a known field"));
    }

    @Test
    void rejectsTheSameTransactionIdTwiceForOneBank() {
        assertThat(validate(batch(tx(1), tx(2), tx(1).text("amount", "99.00"))).errors())
                .containsExactly(new FieldError(
                        "transactions[2].transactionId",
                        "repeats the transactionId of transactions[0] for the same bank"));
    }

    @Test
    void acceptsTheSameTransactionIdForDifferentBanks() {
        assertThat(validate(batch(tx(1), tx(1).text("bankId", "bank-b"))).errors())
                .isEmpty();
    }
}
