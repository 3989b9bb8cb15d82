package dev.vigil.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The services' HTTP APIs as a bank's system calls them (shapes in docs/architecture.md). */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Http() {}

    /** A transaction request in euros, its time given with a +01:00 offset as a European acquirer would. */
    static Map<String, Object> transaction(
            String id,
            String bank,
            String pan,
            String amount,
            String merchant,
            String mcc,
            String country,
            String channel,
            Instant at) {
        return Map.ofEntries(
                Map.entry("transactionId", id),
                Map.entry("bankId", bank),
                Map.entry("pan", pan),
                Map.entry("amount", amount),
                Map.entry("currency", "EUR"),
                Map.entry("merchantId", merchant),
                Map.entry("mcc", mcc),
                Map.entry("merchantCountry", country),
                Map.entry("channel", channel),
                Map.entry("timestamp", at.atOffset(ZoneOffset.ofHours(1)).toString()));
    }

    static HttpResponse<String> post(String url, Object body, String bearerToken)
            throws IOException, InterruptedException {
        return CLIENT.send(
                jsonPost(url, body)
                        .header("Authorization", "Bearer " + bearerToken)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder jsonPost(String url, Object body) throws IOException {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }

    static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return CLIENT.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A GET with a bearer token, as alerts-api requires. */
    static HttpResponse<String> get(String url, String bearerToken) throws IOException, InterruptedException {
        return CLIENT.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer " + bearerToken)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Every alert of a bank, walking all pages of {@code GET /api/v1/alerts} with a token of that
     * bank (alerts-api scopes every query to the token's bank).
     */
    static List<JsonNode> alertsOf(String alertsUrl, String bank, String bearerToken)
            throws IOException, InterruptedException {
        List<JsonNode> alerts = new ArrayList<>();
        String cursor = null;
        do {
            String url = alertsUrl + "/api/v1/alerts?limit=500&bankId=" + encode(bank)
                    + (cursor == null ? "" : "&cursor=" + encode(cursor));
            HttpResponse<String> response = get(url, bearerToken);
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "GET " + url + " answered " + response.statusCode() + ": " + response.body());
            }
            JsonNode page = JSON.readTree(response.body());
            page.get("items").forEach(alerts::add);
            cursor =
                    page.path("nextCursor").isTextual() ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        return alerts;
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
