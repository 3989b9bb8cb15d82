package dev.vigil.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** {@code vigil.ingest.*} in application.properties; every value can be overridden by the environment. */
@ConfigMapping(prefix = "vigil.ingest")
public interface IngestConfig {

    /** Base64 of at least 32 random bytes: the HMAC key of card tokens. Never logged. */
    String panTokenKey();

    /**
     * The BIN table (CSV of {@code prefix,country}, see {@code BinCountries}) that gives each
     * transaction its card's issuing country; the demo table in {@code schemas} when unset.
     */
    Optional<Path> binTable();

    Batch batch();

    Json json();

    Amount amount();

    ClockSkew clockSkew();

    Idempotency idempotency();

    Kafka kafka();

    SenderTokens senderTokens();

    interface Batch {
        int maxSize();
    }

    interface Json {
        int maxDepth();
    }

    interface Amount {
        /** Largest amount accepted, in minor units of the transaction's currency. */
        @WithName("max-minor")
        long maxMinor();
    }

    /** How far a sender's timestamp may lie from the server's clock. */
    interface ClockSkew {
        Duration future();

        Duration past();
    }

    interface Idempotency {
        int maxEntries();

        Duration ttl();
    }

    /** Verified bearer tokens kept, so each is checked once and not on every request. */
    interface SenderTokens {
        int maxEntries();

        /** Longest a token is trusted without a new check (its own exp comes first when earlier). */
        Duration maxAge();
    }

    interface Kafka {
        /** Longest a send may wait for metadata or buffer space before the request answers 503. */
        Duration maxBlock();

        /** Longest from send to acknowledgement, retries included, before the request answers 503. */
        Duration deliveryTimeout();

        /** How long the producer waits for more records to fill a batch (Kafka's linger.ms). */
        Duration linger();

        /** Kafka's compression.type of the producer's batches: none, lz4, zstd, gzip or snappy. */
        String compression();
    }
}
