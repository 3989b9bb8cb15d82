package dev.vigil.alerts;

import static dev.vigil.alerts.AlertFixtures.NINE_FIFTEEN;
import static dev.vigil.alerts.AlertFixtures.alert;
import static dev.vigil.alerts.AlertFixtures.newBank;
import static dev.vigil.alerts.AlertTopic.WITHIN_SECONDS;
import static dev.vigil.alerts.Tokens.asApp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.events.Alert;
import dev.vigil.stack.testing.JwtKeysResource;
import dev.vigil.stack.testing.LocalStackResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/alerts/stream}: server-sent events of newly stored alerts, for the token's bank only. */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
@WithTestResource(JwtKeysResource.class)
class AlertStreamIT {

    final AlertTopic topic = new AlertTopic();

    @TestHTTPResource("/api/v1/alerts/stream")
    URI stream;

    @Test
    void sendsNewAlertsOfTheTokensBankAndNoOtherBanks() throws Exception {
        String bank = newBank();
        String other = newBank();
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(stream)
                .header("Accept", "text/event-stream")
                .header(
                        "Authorization",
                        "Bearer " + Tokens.demo().mint("app@" + bank, bank, "app", Duration.ofMinutes(5)))
                .build();
        CompletableFuture<HttpResponse<Stream<String>>> listening = HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .whenComplete((response, failure) -> {
                    if (response != null) {
                        Thread reader = new Thread(() -> response.body().forEach(lines::add));
                        reader.setDaemon(true);
                        reader.start();
                    }
                });
        Thread.sleep(1_500); // the subscription is live before anything is stored
        Alert others = alert(other, "tx-other", NINE_FIFTEEN, 0.9);
        Alert ours = alert(bank, "tx-ours", NINE_FIFTEEN, 0.9);

        topic.produce(others, ours);

        await().atMost(WITHIN_SECONDS).until(() -> lines.stream().anyMatch(line -> line.contains(ours.getAlertId())));
        assertThat(listening.get().statusCode()).isEqualTo(200);
        await().atMost(WITHIN_SECONDS)
                .until(() -> asApp(other)
                                .get("/api/v1/alerts/{id}", others.getAlertId())
                                .statusCode()
                        == 200);
        Thread.sleep(500);
        assertThat(lines)
                .filteredOn(line -> line.startsWith("data:"))
                .allSatisfy(line ->
                        assertThat(line).contains(bank).doesNotContain(other).contains("411111******1111"));
        listening.get().body().close();
    }

    @Test
    void refusesAListenerWithoutAToken() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(stream).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
    }
}
