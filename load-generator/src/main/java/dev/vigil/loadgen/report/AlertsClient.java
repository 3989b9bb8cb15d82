package dev.vigil.loadgen.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads alerts back from alerts-api ({@code GET /api/v1/alerts}, every page), with a bearer
 * token when one is given. A missing service or a refused token is an {@link Unavailable} with a
 * message saying what to do, not a stack trace.
 */
public final class AlertsClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE_SIZE = 500;
    /** Bounds the walk: 500 pages of 500 alerts is far beyond a run's. */
    private static final int MAX_PAGES = 500;
    /** How many 429s in a row one page may meet before the report gives up on reading alerts. */
    static final int MAX_RATE_LIMIT_WAITS = 30;

    private final String baseUrl;
    private final String token;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** @param token {@code null} for none */
    public AlertsClient(String baseUrl, String token) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token == null || token.isBlank() ? null : token.strip();
    }

    /** Why the alerts could not be read. */
    public static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        Unavailable(String message) {
            super(message);
        }
    }

    /** The alerts of the banks on transactions from {@code from} on. */
    public List<AlertSeen> alerts(List<String> bankIds, Instant from) throws Unavailable, InterruptedException {
        List<AlertSeen> alerts = new ArrayList<>();
        for (String bank : bankIds) {
            String cursor = null;
            int pages = 0;
            do {
                JsonNode page = page(bank, from, cursor);
                for (JsonNode item : page.path("items")) {
                    List<String> reasons = new ArrayList<>();
                    item.path("reasons")
                            .forEach(reason -> reasons.add(reason.path("code").asText()));
                    alerts.add(new AlertSeen(
                            item.path("transactionId").asText(),
                            item.path("bankId").asText(),
                            instant(item),
                            item.path("modelVersion").asText(),
                            reasons));
                }
                cursor = page.path("nextCursor").isTextual()
                        ? page.get("nextCursor").asText()
                        : null;
            } while (cursor != null && ++pages < MAX_PAGES);
        }
        return alerts;
    }

    private JsonNode page(String bank, Instant from, String cursor) throws Unavailable, InterruptedException {
        String url = baseUrl + "/api/v1/alerts?limit=" + PAGE_SIZE + "&bankId=" + encode(bank)
                + "&from=" + encode(from.truncatedTo(ChronoUnit.SECONDS).toString())
                + (cursor == null ? "" : "&cursor=" + encode(cursor));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = send(request.build());
        // alerts-api limits each client: wait as long as it says (Retry-After), a bounded number of times
        for (int waits = 0; response.statusCode() == 429 && waits < MAX_RATE_LIMIT_WAITS; waits++) {
            long seconds = response.headers().firstValueAsLong("Retry-After").orElse(1);
            Thread.sleep(Duration.ofSeconds(Math.max(1, Math.min(seconds, 30))).toMillis());
            response = send(request.build());
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new Unavailable("alerts-api at " + baseUrl + " answered " + response.statusCode() + ": "
                    + (token == null
                            ? "it wants a token: give --alerts-token or set VIGIL_ALERTS_TOKEN"
                            : "the token given was refused"));
        }
        if (response.statusCode() != 200) {
            throw new Unavailable(
                    "alerts-api at " + baseUrl + " answered " + response.statusCode() + " to GET /api/v1/alerts");
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new Unavailable("alerts-api at " + baseUrl + " answered something that is not the alerts JSON");
        }
    }

    private HttpResponse<String> send(HttpRequest request) throws Unavailable, InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Unavailable("alerts-api is not reachable at " + baseUrl + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static Instant instant(JsonNode item) {
        String text = item.path("createdAt").isTextual()
                ? item.get("createdAt").asText()
                : item.path("scoredAt").asText();
        return Instant.parse(text);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
