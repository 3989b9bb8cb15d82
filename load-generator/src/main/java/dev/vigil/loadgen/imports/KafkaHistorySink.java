package dev.vigil.loadgen.imports;

import dev.vigil.loadgen.scenario.SimTransaction;
import dev.vigil.loadgen.send.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes imported records through a {@link Target} (the Kafka one: the records ingest writes) and
 * counts the answers as they come, holding no record once it is sent.
 */
public final class KafkaHistorySink implements HistorySink {

    private final Target target;
    private final AtomicLong outstanding = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<String> firstFailure = new AtomicReference<>();

    public KafkaHistorySink(Target target) {
        this.target = target;
    }

    @Override
    public void transaction(SimTransaction transaction) {
        track(target.send(transaction));
    }

    @Override
    public void label(SimTransaction transaction, boolean fraud, Instant labelledAt) {
        track(target.sendLabel(transaction, fraud, labelledAt));
    }

    private void track(CompletableFuture<String> outcome) {
        outstanding.incrementAndGet();
        outcome.thenAccept(cause -> {
            if (cause != null) {
                failed.incrementAndGet();
                firstFailure.compareAndSet(null, cause);
            }
            outstanding.decrementAndGet();
        });
    }

    /** Waits until every record has an answer, at most {@code within}; returns how many are still unanswered. */
    public long awaitAnswers(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (outstanding.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return outstanding.get();
    }

    public long failed() {
        return failed.get();
    }

    /** The cause of the first failure (a class name or a short reason, never record content), or {@code null}. */
    public String firstFailure() {
        return firstFailure.get();
    }
}
