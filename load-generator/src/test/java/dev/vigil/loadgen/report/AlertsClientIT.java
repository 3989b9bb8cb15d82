package dev.vigil.loadgen.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client against an HTTP server answering as alerts-api's contract says (docs/architecture.md):
 * pages linked by {@code nextCursor}, 401 without the right bearer token. alerts-api itself is
 * exercised by e2e-tests' LoadGeneratorIT.
 */
class AlertsClientIT {

    static final Instant FROM = Instant.parse("2026-11-23T09:00:00Z");
    static final String ITEM = "{\"alertId\":\"a%d\",\"bankId\":\"bank-a\",\"transactionId\":\"tx-%d\","
            + "\"createdAt\":\"2026-11-23T10:00:0%dZ\",\"score\":0.9,\"modelVersion\":\"rules-v2\","
            + "\"reasons\":[{\"code\":\"BURST_OF_TRANSACTIONS\",\"contribution\":0.6},{\"code\":\"NEW_COUNTRY\"}]}";

    final List<String> requests = new CopyOnWriteArrayList<>();
    HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void walksEveryPageWithTheBearerTokenAndTheFilters() throws Exception {
        String url = serve("secret");

        List<AlertSeen> alerts = new AlertsClient(url, "secret").alerts(List.of("bank-a"), FROM);

        List<String> reasons = List.of("BURST_OF_TRANSACTIONS", "NEW_COUNTRY");
        assertThat(alerts)
                .containsExactly(
                        new AlertSeen("tx-1", "bank-a", Instant.parse("2026-11-23T10:00:01Z"), "rules-v2", reasons),
                        new AlertSeen("tx-2", "bank-a", Instant.parse("2026-11-23T10:00:02Z"), "rules-v2", reasons));
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0))
                .contains("bankId=bank-a", "from=2026-11-23T09%3A00%3A00Z", "limit=500")
                .doesNotContain("cursor");
        assertThat(requests.get(1)).contains("cursor=page2");
    }

    @Test
    void aMissingTokenIsReportedWithWhatToDo() throws Exception {
        String url = serve("secret");

        assertThatThrownBy(() -> new AlertsClient(url, null).alerts(List.of("bank-a"), FROM))
                .isInstanceOf(AlertsClient.Unavailable.class)
                .hasMessageContaining("answered 401")
                .hasMessageContaining("--alerts-token or set VIGIL_ALERTS_TOKEN");
        assertThatThrownBy(() -> new AlertsClient(url, "wrong").alerts(List.of("bank-a"), FROM))
                .hasMessageContaining("the token given was refused");
    }

    @Test
    void anAbsentServiceIsReportedAsNotReachable() throws Exception {
        String url = serve(null);
        server.stop(0);
        server = null;

        assertThatThrownBy(() -> new AlertsClient(url, null).alerts(List.of("bank-a"), FROM))
                .isInstanceOf(AlertsClient.Unavailable.class)
                .hasMessageContaining("alerts-api is not reachable at " + url);
    }

    @Test
    void aRateLimitedPageIsAskedAgainAfterTheRetryAfterAlertsApiGives() throws Exception {
        String url = serve(null);
        server.removeContext("/api/v1/alerts");
        AtomicInteger calls = new AtomicInteger();
        server.createContext("/api/v1/alerts", exchange -> {
            requests.add(exchange.getRequestURI().getRawQuery());
            if (calls.getAndIncrement() == 0) {
                exchange.getResponseHeaders().add("Retry-After", "1");
                answer(exchange, 429, "{\"title\":\"Too Many Requests\"}");
            } else {
                answer(exchange, 200, "{\"items\":[" + String.format(ITEM, 1, 1, 1) + "],\"nextCursor\":null}");
            }
        });

        long started = System.nanoTime();
        List<AlertSeen> alerts = new AlertsClient(url, null).alerts(List.of("bank-a"), FROM);

        assertThat(alerts).extracting(AlertSeen::transactionId).containsExactly("tx-1");
        assertThat(requests).hasSize(2);
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("waited as told")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    /** Serves two pages of alerts; with {@code token}, only to requests bearing it. */
    private String serve(String token) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/alerts", exchange -> {
            requests.add(exchange.getRequestURI().getRawQuery());
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (token != null && !("Bearer " + token).equals(auth)) {
                answer(exchange, 401, "{\"title\":\"Unauthorized\"}");
            } else if (exchange.getRequestURI().getRawQuery().contains("cursor=page2")) {
                answer(exchange, 200, "{\"items\":[" + String.format(ITEM, 2, 2, 2) + "],\"nextCursor\":null}");
            } else {
                answer(exchange, 200, "{\"items\":[" + String.format(ITEM, 1, 1, 1) + "],\"nextCursor\":\"page2\"}");
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
