package dev.vigil.alerts.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    static final ClientKey APP_OF_BANK_A = new ClientKey("bank-a", "app@bank-a");
    static final ClientKey ANALYST_OF_BANK_A = new ClientKey("bank-a", "analyst@bank-a");
    static final ClientKey SAME_NAME_AT_BANK_B = new ClientKey("bank-b", "app@bank-a");
    static final Duration ONE_REFILL = Duration.ofMillis(500);

    final ManualClock clock = new ManualClock();
    /** Two requests per second (one every {@link #ONE_REFILL}), three at once. */
    final RateLimiter limiter = new RateLimiter(2, 3, 100, clock);

    @Test
    void allowsTheBurstThenRefusesWithTheTimeUntilTheNextToken() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire(APP_OF_BANK_A).allowed())
                    .as("request %d", i)
                    .isTrue();
        }

        RateLimiter.Decision refused = limiter.tryAcquire(APP_OF_BANK_A);

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isEqualTo(ONE_REFILL);
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
    }

    @Test
    void aClientOverItsLimitLeavesOtherClientsAndOtherBanksUnaffected() {
        exhaust(APP_OF_BANK_A);

        assertThat(limiter.tryAcquire(APP_OF_BANK_A).allowed()).isFalse();
        assertThat(limiter.tryAcquire(ANALYST_OF_BANK_A).allowed()).isTrue();
        assertThat(limiter.tryAcquire(SAME_NAME_AT_BANK_B).allowed()).isTrue();
    }

    @Test
    void recoversOneRequestPerRefillIntervalAndNotBefore() {
        exhaust(APP_OF_BANK_A);

        clock.advance(ONE_REFILL.minusNanos(1));
        assertThat(limiter.tryAcquire(APP_OF_BANK_A).allowed()).isFalse();
        clock.advance(Duration.ofNanos(1));
        assertThat(limiter.tryAcquire(APP_OF_BANK_A).allowed()).isTrue();
        assertThat(limiter.tryAcquire(APP_OF_BANK_A).allowed()).isFalse();
    }

    @Test
    void refusedRequestsDoNotDelayRecovery() {
        exhaust(APP_OF_BANK_A);
        for (int i = 0; i < 10; i++) {
            limiter.tryAcquire(APP_OF_BANK_A);
        }

        clock.advance(ONE_REFILL);

        assertThat(limiter.tryAcquire(APP_OF_BANK_A).allowed()).isTrue();
    }

    @Test
    void anIdleClientRefillsToTheBurstOnly() {
        exhaust(APP_OF_BANK_A);

        clock.advance(Duration.ofMinutes(5));

        exhaust(APP_OF_BANK_A);
        assertThat(limiter.tryAcquire(APP_OF_BANK_A).allowed()).isFalse();
    }

    @Test
    void forgetsClientsIdleLongEnoughToBeFullAgain() {
        exhaust(APP_OF_BANK_A);
        limiter.tryAcquire(ANALYST_OF_BANK_A);
        assertThat(limiter.clients()).isEqualTo(2);

        clock.advance(ONE_REFILL.multipliedBy(3));
        limiter.tryAcquire(SAME_NAME_AT_BANK_B);

        assertThat(limiter.clients()).as("only the client that just asked").isEqualTo(1);
    }

    @Test
    void keepsNoMoreThanMaxClientsForgettingTheLeastRecentlySeen() {
        RateLimiter small = new RateLimiter(2, 3, 2, clock);
        small.tryAcquire(APP_OF_BANK_A);
        small.tryAcquire(ANALYST_OF_BANK_A);
        small.tryAcquire(APP_OF_BANK_A);

        small.tryAcquire(SAME_NAME_AT_BANK_B);

        assertThat(small.clients()).isEqualTo(2);
        // the analyst was forgotten, the more recently seen app was not: it has one request left, not three
        assertThat(small.tryAcquire(APP_OF_BANK_A).allowed()).isTrue();
        assertThat(small.tryAcquire(APP_OF_BANK_A).allowed()).isFalse();
    }

    @Test
    void retryAfterRoundsUpToWholeSecondsAndIsNeverZero() {
        assertThat(new RateLimiter.Decision(false, Duration.ofMillis(1)).retryAfterSeconds())
                .isEqualTo(1);
        assertThat(new RateLimiter.Decision(false, Duration.ofMillis(1_001)).retryAfterSeconds())
                .isEqualTo(2);
        assertThat(new RateLimiter.Decision(false, Duration.ofSeconds(3)).retryAfterSeconds())
                .isEqualTo(3);
    }

    @Test
    void refusesALimitThatCouldNeverAllowARequest() {
        assertThatThrownBy(() -> new RateLimiter(0, 3, 10, clock)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimiter(1, 0, 10, clock)).isInstanceOf(IllegalArgumentException.class);
    }

    private void exhaust(ClientKey client) {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire(client).allowed()).isTrue();
        }
    }
}
