package dev.vigil.ingest.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.ingest.testing.Senders;
import dev.vigil.ingest.transaction.SentTransactions.Acknowledged;
import dev.vigil.ingest.transaction.SentTransactions.Claim;
import dev.vigil.ingest.transaction.SentTransactions.Known;
import dev.vigil.stack.testing.JwtKeysResource;
import dev.vigil.stack.testing.LocalStackResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two ingest instances on one store, handed the same ids at the same moment in opposite orders, as
 * two load balancers' retries can: without one lock order the two statements wait for each other and
 * PostgreSQL aborts one (a 503 for a claim, an unmarked acknowledgement for the other).
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
@WithTestResource(JwtKeysResource.class)
class ConcurrentClaimsIT {

    private static final int IDS = 300;
    private static final int ROUNDS = 10;

    @Inject
    DataSource dataSource;

    private ExecutorService threads;
    private SentTransactions one;
    private SentTransactions other;

    @BeforeEach
    void start() {
        threads = Executors.newFixedThreadPool(2);
        one = new SentTransactions(dataSource);
        other = new SentTransactions(dataSource);
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
        one.close();
        other.close();
    }

    @Test
    void twoInstancesClaimingTheSameIdsInOppositeOrdersGiveEachIdToExactlyOne() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            List<Claim> claims = freshClaims();

            List<List<Known>> answers =
                    atOnce(() -> one.claim(Senders.BANK, claims), () -> other.claim(Senders.BANK, reversed(claims)));

            List<Known> first = answers.get(0);
            List<Known> second = reversed(answers.get(1));
            for (int i = 0; i < IDS; i++) {
                assertThat(List.of(first.get(i), second.get(i)))
                        .containsExactlyInAnyOrder(Known.NEW, Known.UNCONFIRMED);
            }
        }
    }

    @Test
    void twoInstancesAcknowledgingTheSameIdsInOppositeOrdersMarkEveryOneOnce() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            List<Claim> claims = freshClaims();
            assertThat(one.claim(Senders.BANK, claims)).containsOnly(Known.NEW);
            List<Acknowledged> acknowledged = claims.stream()
                    .map(c -> new Acknowledged(Senders.BANK, c.transactionId()))
                    .toList();

            List<Integer> marked = atOnce(() -> mark(acknowledged), () -> mark(reversed(acknowledged)));

            assertThat(marked.get(0) + marked.get(1)).isEqualTo(IDS);
            assertThat(other.claim(Senders.BANK, claims)).containsOnly(Known.SENT);
        }
    }

    private int mark(List<Acknowledged> acknowledged) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            return SentTransactions.markAcknowledged(connection, acknowledged);
        }
    }

    /** Both calls released together; their results in order, or the first one's failure. */
    private <T> List<T> atOnce(Callable<T> first, Callable<T> second) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<T>> running = new ArrayList<>();
        for (Callable<T> call : List.of(first, second)) {
            running.add(threads.submit(() -> {
                go.await();
                return call.call();
            }));
        }
        go.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> result : running) {
            results.add(result.get());
        }
        return results;
    }

    private static List<Claim> freshClaims() {
        String round = UUID.randomUUID().toString();
        String eventTime = Instant.now().toString();
        return IntStream.range(0, IDS)
                .mapToObj(i -> new Claim("tx-" + round + "-" + i, "hash-" + i, "card-token-" + i, eventTime))
                .toList();
    }

    private static <T> List<T> reversed(List<T> items) {
        List<T> copy = new ArrayList<>(items);
        Collections.reverse(copy);
        return copy;
    }
}
