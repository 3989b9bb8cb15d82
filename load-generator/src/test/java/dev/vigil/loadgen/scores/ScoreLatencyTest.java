package dev.vigil.loadgen.scores;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.Decision;
import dev.vigil.events.TransactionScore;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScoreLatencyTest {

    private static final Instant STEP_START = Instant.parse("2026-11-23T15:00:00Z");
    private static final Instant STEP_END = STEP_START.plusSeconds(10);

    private static TransactionScore score(String id, Instant receivedAt, long latencyMillis) {
        return TransactionScore.newBuilder()
                .setBankId("bank-a")
                .setTransactionId(id)
                .setCardToken("tok")
                .setMerchantId("m-1")
                .setAmountMinor(100)
                .setCurrency("EUR")
                .setEventTime(receivedAt)
                .setReceivedAt(receivedAt)
                .setScoredAt(receivedAt.plusMillis(latencyMillis))
                .setScore(0.1)
                .setDecision(Decision.APPROVE)
                .setAlerted(false)
                .setModelVersion("rules-v1")
                .setFeatureSchema("card-v2")
                .setFeatures(List.of())
                .setReasons(List.of())
                .build();
    }

    @Test
    void timesEachStepTransactionFromReceivedToScored() {
        ScoreLatency latency = new ScoreLatency(STEP_START, STEP_END);
        for (int i = 0; i < 100; i++) {
            latency.add(score("tx-" + i, STEP_START.plusMillis(i * 100L), i < 99 ? 20 : 900));
        }

        ScoreLatency.Result result = latency.result();

        assertThat(result.scored()).isEqualTo(100);
        assertThat(result.p50Ms()).isEqualTo(20);
        assertThat(result.p999Ms()).isEqualTo(900);
        assertThat(result.maxMs()).isEqualTo(900);
        // the last one received at 9 900 ms and scored 900 ms later: 100 scores in 10.8 s
        assertThat(result.throughput()).isEqualTo(9.3);
    }

    @Test
    void ignoresTransactionsOfOtherStepsAndCountsDuplicatesOnce() {
        ScoreLatency latency = new ScoreLatency(STEP_START, STEP_END);

        assertThat(latency.add(score("before", STEP_START.minusMillis(1), 5))).isFalse();
        assertThat(latency.add(score("after", STEP_END, 5))).isFalse();
        assertThat(latency.add(score("tx-1", STEP_START, 5))).isTrue();
        assertThat(latency.add(score("tx-1", STEP_START, 7))).isTrue();
        assertThat(latency.add(score("tx-2", STEP_START.plusSeconds(1), 5))).isTrue();

        assertThat(latency.scored()).isEqualTo(2);
        assertThat(latency.result().duplicates()).isEqualTo(1);
        // the last one scored 1 005 ms after the step's start
        assertThat(latency.result().throughput()).isEqualTo(2.0);
    }

    @Test
    void anEmptyStepHasNoFigures() {
        ScoreLatency.Result result = new ScoreLatency(STEP_START, STEP_END).result();

        assertThat(result.scored()).isZero();
        assertThat(result.p99Ms()).isNaN();
        assertThat(result.throughput()).isNaN();
    }
}
