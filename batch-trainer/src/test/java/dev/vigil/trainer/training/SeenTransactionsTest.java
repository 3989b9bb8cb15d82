package dev.vigil.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SeenTransactionsTest {

    private static final Instant FIRST_SEEN = Instant.parse("2026-11-23T10:00:00Z");
    private static final Duration ONE_DAY = Duration.ofDays(1);

    @Test
    void anIdSeenAgainWithinTheRetentionInStreamTimeIsARetry() {
        SeenTransactions seen = new SeenTransactions(ONE_DAY);

        assertThat(seen.alreadyScored("tx-1", FIRST_SEEN)).isFalse();
        assertThat(seen.alreadyScored("tx-1", FIRST_SEEN)).isTrue();
        assertThat(seen.alreadyScored("tx-2", FIRST_SEEN)).as("another id").isFalse();
        assertThat(seen.alreadyScored("tx-1", FIRST_SEEN.plus(ONE_DAY)))
                .as("at the retention's edge")
                .isTrue();
    }

    @Test
    void aRetryIsNotStampedAgainSoTheRetentionRunsFromTheFirstSighting() {
        SeenTransactions seen = new SeenTransactions(ONE_DAY);
        seen.alreadyScored("tx-1", FIRST_SEEN);

        assertThat(seen.alreadyScored("tx-1", FIRST_SEEN.plus(Duration.ofHours(12))))
                .isTrue();
        // a day and a millisecond after the first sighting: forgotten, scored again, stamped anew
        Instant afterRetention = FIRST_SEEN.plus(ONE_DAY).plusMillis(1);
        assertThat(seen.alreadyScored("tx-1", afterRetention)).isFalse();
        assertThat(seen.alreadyScored("tx-1", afterRetention.plus(Duration.ofHours(1))))
                .isTrue();
    }

    @Test
    void forgetDropsOnlyTheIdsStampedBeforeTheRetention() {
        SeenTransactions seen = new SeenTransactions(ONE_DAY);
        seen.alreadyScored("tx-old", FIRST_SEEN);
        seen.alreadyScored("tx-new", FIRST_SEEN.plus(Duration.ofHours(2)));

        seen.forget(FIRST_SEEN.plus(ONE_DAY).plus(Duration.ofHours(1)));

        assertThat(seen.size()).isEqualTo(1);
        assertThat(seen.alreadyScored("tx-new", FIRST_SEEN.plus(ONE_DAY)))
                .as("kept")
                .isTrue();
    }
}
