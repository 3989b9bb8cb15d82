package dev.vigil.loadgen.send;

import dev.vigil.loadgen.scenario.SimTransaction;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where transactions and their labels go: ingest-service over HTTP ({@link IngestClient}), or
 * Kafka directly, as ingest would have produced them. An outcome is {@code null} when the target
 * took the record, else a short cause without record content: {@code "HTTP 503"}, or the simple
 * class name of an exception.
 */
public interface Target extends AutoCloseable {

    /** The most transactions {@link #sendBatch} takes at once. */
    int MAX_BATCH = 500;

    /** Completes with the outcome when the target answered; never completes exceptionally. */
    CompletableFuture<String> send(SimTransaction transaction);

    /** Sends up to {@value #MAX_BATCH} transactions and waits: the outcome for all of them. */
    String sendBatch(List<SimTransaction> transactions) throws IOException, InterruptedException;

    /** A chargeback ({@code FRAUD}) or a cardholder's confirmation ({@code GENUINE}); completes like {@link #send}. */
    CompletableFuture<String> sendLabel(SimTransaction transaction, boolean fraud, Instant labelledAt);

    /** Releases connections; waits briefly for what is still being sent. */
    @Override
    void close();
}
