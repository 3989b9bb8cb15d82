package dev.vigil.ingest.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.ingest.testing.ManualClock;
import dev.vigil.ingest.transaction.IdempotencyCache.Claim;
import dev.vigil.ingest.transaction.IdempotencyCache.Key;
import dev.vigil.ingest.transaction.IdempotencyCache.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IdempotencyCacheTest {

    static final Key TX_1 = new Key("bank-a", "tx-1");
    static final String BODY = "hash-of-body";
    static final String OTHER_BODY = "hash-of-other-body";

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-22T09:20:00Z"));
    private final IdempotencyCache cache = new IdempotencyCache(3, Duration.ofMinutes(10), clock);

    @Test
    void firstClaimOwnsTheTransaction() {
        assertThat(cache.claim(TX_1, BODY).kind()).isEqualTo(Kind.FIRST);
    }

    @Test
    void sameBodyAfterAcceptanceIsARepeatThatWasAccepted() {
        cache.accepted(cache.claim(TX_1, BODY));

        Claim retry = cache.claim(TX_1, BODY);

        assertThat(retry.kind()).isEqualTo(Kind.REPEAT);
        assertThat(retry.outcome()).isCompletedWithValue(true);
    }

    @Test
    void differentBodyForTheSameIdIsAConflict() {
        cache.accepted(cache.claim(TX_1, BODY));

        assertThat(cache.claim(TX_1, OTHER_BODY).kind()).isEqualTo(Kind.CONFLICT);
    }

    @Test
    void sameIdAtAnotherBankIsNotARepeat() {
        cache.accepted(cache.claim(TX_1, BODY));

        assertThat(cache.claim(new Key("bank-b", "tx-1"), BODY).kind()).isEqualTo(Kind.FIRST);
    }

    @Test
    void repeatWhileTheFirstIsInFlightWaitsForItsOutcome() {
        Claim first = cache.claim(TX_1, BODY);
        Claim repeat = cache.claim(TX_1, BODY);

        assertThat(repeat.outcome()).isNotDone();
        cache.accepted(first);
        assertThat(repeat.outcome()).isCompletedWithValue(true);
    }

    @Test
    void failedFirstAttemptIsForgottenSoARetryProducesAgain() {
        Claim first = cache.claim(TX_1, BODY);
        Claim waiting = cache.claim(TX_1, BODY);

        cache.failed(TX_1, first);

        assertThat(waiting.outcome()).isCompletedWithValue(false);
        assertThat(cache.claim(TX_1, BODY).kind()).isEqualTo(Kind.FIRST);
    }

    @Test
    void entryExpiresAfterTheTtl() {
        cache.accepted(cache.claim(TX_1, BODY));

        clock.advance(Duration.ofMinutes(10));

        assertThat(cache.size()).isZero();
        assertThat(cache.claim(TX_1, OTHER_BODY).kind()).isEqualTo(Kind.FIRST);
    }

    @Test
    void entryIsKeptJustBeforeTheTtl() {
        cache.accepted(cache.claim(TX_1, BODY));

        clock.advance(Duration.ofMinutes(10).minusMillis(1));

        assertThat(cache.claim(TX_1, BODY).kind()).isEqualTo(Kind.REPEAT);
    }

    @Test
    void dropsTheOldestEntryWhenFull() {
        for (int i = 1; i <= 4; i++) {
            cache.accepted(cache.claim(new Key("bank-a", "tx-" + i), BODY));
        }

        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.claim(new Key("bank-a", "tx-4"), BODY).kind()).isEqualTo(Kind.REPEAT);
        assertThat(cache.claim(TX_1, BODY).kind()).isEqualTo(Kind.FIRST);
    }

    @Test
    void concurrentClaimsOfOneTransactionHaveExactlyOneOwner() throws Exception {
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Claim>> claims = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<Claim> claim = () -> {
                    start.await();
                    return cache.claim(TX_1, BODY);
                };
                claims.add(pool.submit(claim));
            }
            start.countDown();
            List<Claim> results = new ArrayList<>();
            for (Future<Claim> claim : claims) {
                results.add(claim.get(5, TimeUnit.SECONDS));
            }

            assertThat(results).filteredOn(c -> c.kind() == Kind.FIRST).hasSize(1);
            assertThat(results).filteredOn(c -> c.kind() == Kind.REPEAT).hasSize(threads - 1);
            cache.accepted(results.stream()
                    .filter(c -> c.kind() == Kind.FIRST)
                    .findFirst()
                    .orElseThrow());
            assertThat(results).allSatisfy(c -> assertThat(c.outcome()).isCompletedWithValue(true));
        } finally {
            pool.shutdownNow();
        }
    }
}
