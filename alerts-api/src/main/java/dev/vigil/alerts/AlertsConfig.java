package dev.vigil.alerts;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** alerts-api settings ({@code vigil.alerts.*} in application.properties). */
@ConfigMapping(prefix = "vigil.alerts")
public interface AlertsConfig {

    Sink sink();

    Page page();

    Outbox outbox();

    interface Sink {
        /** Consumer group of the sink; its committed offsets are the sink's progress. */
        String groupId();

        Duration pollTimeout();

        int maxPollRecords();

        Duration retryBackoff();

        Duration retryBackoffMax();

        /** How long a dead letter may wait for the broker's acknowledgement. */
        @WithDefault("PT10S")
        Duration deadLetterTimeout();
    }

    /** The relay of analysts' labels from {@code label_outbox} to {@code transaction-labels}. */
    interface Outbox {
        Duration pollInterval();

        int batchSize();
    }

    interface Page {
        int defaultSize();

        int maxSize();
    }
}
