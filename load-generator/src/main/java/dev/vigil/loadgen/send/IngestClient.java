package dev.vigil.loadgen.send;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.loadgen.scenario.SimTransaction;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * ingest-service's HTTP API as a bank's system calls it (docs/architecture.md): transactions one
 * by one or in batches, and labels. Bodies are built from records; the card number goes into the
 * request body and nowhere else.
 */
public final class IngestClient implements Target {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String baseUrl;
    private final IngestTokens tokens;
    private final HttpClient http;

    public IngestClient(String baseUrl, IngestTokens tokens) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.tokens = tokens;
        this.http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    @Override
    public CompletableFuture<String> send(SimTransaction transaction) {
        return http.sendAsync(
                        post("/api/v1/transactions", transaction.bankId(), TransactionBody.of(transaction)),
                        HttpResponse.BodyHandlers.discarding())
                .handle(IngestClient::outcome);
    }

    /**
     * Sends up to {@value #MAX_BATCH} transactions and waits for the answers: one request per bank,
     * each with that bank's token (ingest refuses a batch holding another bank's transaction). The
     * first failure is the outcome.
     */
    @Override
    public String sendBatch(List<SimTransaction> transactions) throws IOException, InterruptedException {
        Map<String, List<TransactionBody>> byBank = new LinkedHashMap<>();
        for (SimTransaction transaction : transactions) {
            byBank.computeIfAbsent(transaction.bankId(), bank -> new ArrayList<>())
                    .add(TransactionBody.of(transaction));
        }
        String failure = null;
        for (Map.Entry<String, List<TransactionBody>> batch : byBank.entrySet()) {
            String outcome = outcome(
                    http.send(
                            post("/api/v1/transactions/batch", batch.getKey(), new BatchBody(batch.getValue())),
                            HttpResponse.BodyHandlers.discarding()),
                    null);
            failure = failure == null ? outcome : failure;
        }
        return failure;
    }

    @Override
    public CompletableFuture<String> sendLabel(SimTransaction transaction, boolean fraud, Instant labelledAt) {
        LabelBody label = new LabelBody(
                transaction.transactionId(),
                transaction.bankId(),
                transaction.pan(),
                fraud ? "FRAUD" : "GENUINE",
                fraud ? "CHARGEBACK" : "CARDHOLDER",
                utc(labelledAt),
                utc(transaction.eventTime()));
        return http.sendAsync(
                        post("/api/v1/labels", transaction.bankId(), label), HttpResponse.BodyHandlers.discarding())
                .handle(IngestClient::outcome);
    }

    /** Ingest answers 202 when it took the records; anything else, or no answer, is the cause. */
    static String outcome(HttpResponse<?> response, Throwable error) {
        if (error != null) {
            Throwable cause = error.getCause() != null ? error.getCause() : error;
            return cause.getClass().getSimpleName();
        }
        return response.statusCode() == 202 ? null : "HTTP " + response.statusCode();
    }

    /** Nothing to release: the JDK's client closes idle connections itself. */
    @Override
    public void close() {}

    /** A post with the bank's sender token; without one ingest answers 401, which the report counts. */
    private HttpRequest post(String path, String bank, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .header("Content-Type", "application/json")
                    .timeout(TIMEOUT)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            tokens.forBank(bank).ifPresent(token -> request.header("Authorization", "Bearer " + token));
            return request.build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a request body", e);
        }
    }

    private static String utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toString();
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TransactionBody(
            String transactionId,
            String bankId,
            String pan,
            String amount,
            String currency,
            String merchantId,
            String mcc,
            String merchantCountry,
            String channel,
            Double latitude,
            Double longitude,
            String timestamp) {

        static TransactionBody of(SimTransaction t) {
            return new TransactionBody(
                    t.transactionId(),
                    t.bankId(),
                    t.pan(),
                    t.amount(),
                    t.currency(),
                    t.merchantId(),
                    t.mcc(),
                    t.merchantCountry(),
                    t.cardPresent() ? "CARD_PRESENT" : "CARD_NOT_PRESENT",
                    t.latitude(),
                    t.longitude(),
                    utc(t.eventTime()));
        }

        @Override
        public String toString() {
            return "TransactionBody[" + transactionId + "]";
        }
    }

    record BatchBody(List<TransactionBody> transactions) {}

    record LabelBody(
            String transactionId,
            String bankId,
            String pan,
            String label,
            String source,
            String labelledAt,
            String transactionTime) {

        @Override
        public String toString() {
            return "LabelBody[" + transactionId + "]";
        }
    }
}
