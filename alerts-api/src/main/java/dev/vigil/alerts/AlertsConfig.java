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

    RateLimit rateLimit();

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

        /**
         * How long the group waits for a sink that stopped heartbeating (a crash) before its
         * partitions move; Kafka's default (45 s) left alerts unstored that long after a crash.
         */
        Duration sessionTimeout();
    }

    /** The relay of analysts' labels from {@code label_outbox} to {@code transaction-labels}. */
    interface Outbox {
        Duration pollInterval();

        int batchSize();
    }

    /** A token bucket per client (the token's subject within its bank) on the REST endpoints. */
    interface RateLimit {
        /** Sustained requests per second a client may make. */
        double requestsPerSecond();

        /** Requests a client may make at once after being idle. */
        int burst();

        /** Clients tracked at most; beyond it the least recently seen one is forgotten (bounded memory). */
        int maxClients();
    }

    interface Page {
        int defaultSize();

        int maxSize();
    }
}
