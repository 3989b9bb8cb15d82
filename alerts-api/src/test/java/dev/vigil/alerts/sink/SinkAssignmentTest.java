package dev.vigil.alerts.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.schemas.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Readiness follows the assignment: a sink without partitions stores nothing, so it is not ready. */
class SinkAssignmentTest {

    static final TopicPartition PARTITION = new TopicPartition(Topics.FRAUD_ALERTS.name(), 0);

    MockConsumer<byte[], byte[]> consumer;
    SinkStatus status;
    SinkLoop sink;

    @BeforeEach
    void subscribe() {
        consumer = new MockConsumer<>("earliest");
        consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
        status = new SinkStatus();
        sink = new SinkLoop(
                consumer,
                null,
                null,
                null,
                status,
                new SinkMetrics(new SimpleMeterRegistry()),
                null,
                Duration.ofMillis(1),
                null,
                null);
        sink.subscribe();
    }

    @Test
    void anEmptyPollWithoutPartitionsIsNotReady() throws InterruptedException {
        sink.pollOnce();

        assertThat(status.snapshot().state()).isEqualTo(SinkStatus.State.UNASSIGNED);
    }

    @Test
    void readyOnceAPollOnAssignedPartitionsWentThrough() throws InterruptedException {
        consumer.rebalance(List.of(PARTITION));

        sink.pollOnce();

        assertThat(status.snapshot().state()).isEqualTo(SinkStatus.State.UP);
    }

    @Test
    void notReadyAgainWhenThePartitionsAreTakenAway() throws InterruptedException {
        consumer.rebalance(List.of(PARTITION));
        sink.pollOnce();

        consumer.rebalance(List.of());

        assertThat(status.snapshot().state()).isEqualTo(SinkStatus.State.UNASSIGNED);
        sink.pollOnce();
        assertThat(status.snapshot().state()).isEqualTo(SinkStatus.State.UNASSIGNED);
    }
}
