package dev.vigil.loadgen.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class OpenLoopScheduleTest {

    static final long START = 1_000_000_000L;
    static final long MS = 1_000_000L;

    @Test
    void requestsAreDueAtFixedIntervalsFromTheStart() {
        OpenLoopSchedule schedule = new OpenLoopSchedule(START, 50);

        assertThat(schedule.intendedNanos(0)).isEqualTo(START);
        assertThat(schedule.intendedNanos(1)).isEqualTo(START + 20 * MS);
        assertThat(schedule.intendedNanos(50)).isEqualTo(START + 1_000 * MS);
    }

    @Test
    void aServerStallCountsForEveryRequestQueuedBehindIt() {
        // 10 requests per second to a server that answers in 1 ms, but stalls for 1 s on the first one
        // and answers one at a time: the nine meant to go out during the stall wait for it.
        OpenLoopSchedule schedule = new OpenLoopSchedule(START, 10);
        LatencyRecorder recorder = new LatencyRecorder();
        long serverFreeAt = START;
        for (int i = 0; i < 10; i++) {
            long intended = schedule.intendedNanos(i);
            long begins = Math.max(intended, serverFreeAt);
            long answered = begins + (i == 0 ? 1_000 * MS : MS);
            serverFreeAt = answered;
            recorder.record(intended, answered, null);
        }
        Histogram micros = recorder.total();

        // measured from when each was sent (begins), 9 of 10 would look like 1 ms
        assertThat(micros.getTotalCount()).isEqualTo(10);
        assertThat(micros.getValueAtPercentile(50)).isGreaterThan(400_000);
        assertThat(micros.getMaxValue()).isGreaterThanOrEqualTo(999_000);
        assertThat(recorder.accepted()).isEqualTo(10);
    }

    @Test
    void aLatencyIsNeverNegative() {
        assertThat(OpenLoopSchedule.latencyNanos(START, START - 5)).isZero();
        assertThat(OpenLoopSchedule.latencyNanos(START, START + 7 * MS)).isEqualTo(7 * MS);
    }

    @Test
    void errorsAreCountedByCauseAndNotAsAccepted() {
        LatencyRecorder recorder = new LatencyRecorder();
        recorder.record(START, START + MS, null);
        recorder.record(START, START + MS, "HTTP 503");
        recorder.record(START, START + MS, "HTTP 503");
        recorder.record(START, START + MS, "ConnectException");

        assertThat(recorder.accepted()).isEqualTo(1);
        assertThat(recorder.errorCount()).isEqualTo(3);
        assertThat(recorder.errors()).containsEntry("HTTP 503", 2L).containsEntry("ConnectException", 1L);
    }

    @Test
    void refusesANonPositiveRate() {
        assertThatThrownBy(() -> new OpenLoopSchedule(START, 0)).hasMessageContaining("rate must be positive");
    }
}
