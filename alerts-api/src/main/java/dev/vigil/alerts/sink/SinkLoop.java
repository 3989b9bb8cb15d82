package dev.vigil.alerts.sink;

import dev.vigil.alerts.query.AlertFeed;
import dev.vigil.events.Alert;
import dev.vigil.schemas.DeadLetter;
import dev.vigil.schemas.SerdeFailures;
import dev.vigil.schemas.Topics;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.jboss.logging.Logger;

/**
 * The sink: poll a batch of alerts, store it in one database transaction (existing alert ids
 * skipped), dead-letter what cannot be read, and only then commit the batch's offsets. A crash
 * anywhere before the offset commit redelivers the batch, which stores nothing twice. A crash between
 * a dead letter's acknowledgement and the commit writes that dead letter again: dead letters are for
 * people to read, not for replay. Alerts stored for the first time go to the live {@link AlertFeed}.
 *
 * <p>When the database or the registry is unavailable the batch is read again after a back-off,
 * so nothing is skipped. Runs on its own thread until {@link #stop()}.
 */
final class SinkLoop implements Runnable {

    private static final Logger LOG = Logger.getLogger(SinkLoop.class);
    static final String UNSTORABLE = "alert's card fields are not a six-digit BIN and a four-digit last four";

    /** Read, stored and dead-lettered in one batch. */
    record Batch(List<NewAlert> alerts, List<DeadLetter> poison, Map<TopicPartition, OffsetAndMetadata> next) {}

    /** The registry could not be asked about a record: not the record's fault. */
    static final class RegistryUnavailable extends Exception {
        private static final long serialVersionUID = 1L;

        RegistryUnavailable(Throwable cause) {
            super(cause);
        }
    }

    private final Consumer<byte[], byte[]> consumer;
    private final Deserializer<Alert> deserializer;
    private final AlertWriter writer;
    private final DeadLetters deadLetters;
    private final SinkStatus status;
    private final SinkMetrics metrics;
    private final AlertFeed feed;
    private final Duration pollTimeout;
    private final Backoff backoff;
    /** When an alert is stored: its creation time in the database and the end of its scored-to-stored latency. */
    private final Clock clock;

    private volatile boolean running = true;

    SinkLoop(
            Consumer<byte[], byte[]> consumer,
            Deserializer<Alert> deserializer,
            AlertWriter writer,
            DeadLetters deadLetters,
            SinkStatus status,
            SinkMetrics metrics,
            AlertFeed feed,
            Duration pollTimeout,
            Backoff backoff,
            Clock clock) {
        this.clock = clock;
        this.feed = feed;
        this.consumer = consumer;
        this.deserializer = deserializer;
        this.writer = writer;
        this.deadLetters = deadLetters;
        this.status = status;
        this.metrics = metrics;
        this.pollTimeout = pollTimeout;
        this.backoff = backoff;
    }

    @Override
    public void run() {
        try {
            subscribe();
            while (running) {
                pollOnce();
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.errorf(e, "alert sink stopped");
            status.stopped("failed: " + e.getClass().getName());
            throw e;
        } finally {
            // leave the group at once, so the partitions move now rather than after the session timeout
            consumer.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(5)));
            if (status.snapshot().state() != SinkStatus.State.STOPPED) {
                status.stopped("shut down");
            }
        }
    }

    /**
     * Subscribes to {@code fraud-alerts}; readiness follows the assignment: partitions taken away
     * (a rebalance, a lost session) make the sink not ready until it holds and reads some again.
     */
    void subscribe() {
        consumer.subscribe(List.of(Topics.FRAUD_ALERTS.name()), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                if (!partitions.isEmpty()) {
                    status.unassigned("partitions revoked");
                }
            }

            @Override
            public void onPartitionsLost(Collection<TopicPartition> partitions) {
                status.unassigned("partitions lost");
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                // ready once a poll on them went through: see pollOnce
            }
        });
    }

    /** One poll and what follows; up only while the sink holds partitions and reads them. */
    void pollOnce() throws InterruptedException {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(pollTimeout);
        if (!records.isEmpty()) {
            handle(records);
        } else if (consumer.assignment().isEmpty()) {
            status.unassigned("no partitions of " + Topics.FRAUD_ALERTS.name() + " assigned yet");
        } else {
            status.up();
        }
        metrics.lag(consumer);
    }

    /** Ends the loop; safe from any thread. */
    void stop() {
        running = false;
        consumer.wakeup();
    }

    private void handle(ConsumerRecords<byte[], byte[]> records) throws InterruptedException {
        try {
            Batch batch = read(records);
            List<NewAlert> inserted = writer.insert(batch.alerts());
            for (DeadLetter poison : batch.poison()) {
                deadLetters.send(poison);
            }
            consumer.commitSync(batch.next());
            metrics.stored(
                    inserted.size(),
                    batch.alerts().size() - inserted.size(),
                    batch.poison().size());
            metrics.latencies(inserted, clock.instant());
            inserted.forEach(alert -> feed.publish(alert.view()));
            backoff.reset();
            status.up();
        } catch (RegistryUnavailable e) {
            retryLater(records, "schema registry unavailable", e.getCause());
        } catch (SQLException e) {
            retryLater(records, "database unavailable", e);
        } catch (ExecutionException | TimeoutException e) {
            retryLater(records, "dead letter not acknowledged", e);
        } catch (CommitFailedException | RebalanceInProgressException e) {
            // the partitions moved on: their new owner reads the batch again and stores nothing twice
            LOG.infof(
                    "offsets of a stored batch not committed, partitions were reassigned: %s",
                    e.getClass().getName());
        }
    }

    Batch read(ConsumerRecords<byte[], byte[]> records) throws RegistryUnavailable {
        List<NewAlert> alerts = new ArrayList<>();
        Instant now = clock.instant();
        List<DeadLetter> poison = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            next.put(
                    new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
            Alert alert;
            try {
                if (record.value() == null) {
                    throw new IllegalArgumentException("record has no value");
                }
                alert = deserializer.deserialize(record.topic(), record.headers(), record.value());
            } catch (RuntimeException e) {
                // the scorer's rule: a registry that does not answer (network, time-out, 5xx) is an outage, not poison
                if (SerdeFailures.isRegistryUnavailable(e)) {
                    throw new RegistryUnavailable(e);
                }
                poison.add(DeadLetter.unreadable(source(record), e, Alert.class, DeadLetters.FAILED_BY));
                continue;
            }
            try {
                alerts.add(NewAlert.of(alert, now));
            } catch (IllegalArgumentException e) {
                poison.add(DeadLetter.refused(source(record), e, UNSTORABLE, DeadLetters.FAILED_BY));
            }
        }
        return new Batch(alerts, poison, next);
    }

    private static DeadLetter.Source source(ConsumerRecord<byte[], byte[]> record) {
        return new DeadLetter.Source(
                record.topic(), record.partition(), record.offset(), record.key(), record.value(), record.headers());
    }

    /** Rewinds to the batch's first records, so the next polls read it again, and waits a while. */
    private void retryLater(ConsumerRecords<byte[], byte[]> records, String why, Throwable cause)
            throws InterruptedException {
        LOG.warnf(
                "alert batch not stored, reading it again: %s (%s)",
                why, cause.getClass().getName());
        status.retrying(why);
        metrics.retried();
        for (TopicPartition partition : records.partitions()) {
            consumer.seek(partition, records.records(partition).get(0).offset());
        }
        backoff.sleep();
    }
}
