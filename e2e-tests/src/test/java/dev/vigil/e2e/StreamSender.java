package dev.vigil.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bank's steady stream into ingest-service, on a thread of its own: batches in order at a fixed
 * pace, each retried with the same transaction ids until ingest answers 202, however long a crash
 * keeps it away. It runs at most {@code ahead} batches past each event point until the test has
 * made that event happen ({@link #eventDone()}), so every crash falls mid-stream, with batches in
 * flight, however slowly the machine restarts services.
 */
final class StreamSender implements AutoCloseable {

    private final Pipeline pipeline;
    private final List<List<Map<String, Object>>> batches;
    private final List<Integer> eventPoints;
    private final int ahead;
    private final Duration pace;
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger eventsDone = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<Void> done;

    private StreamSender(
            Pipeline pipeline,
            List<List<Map<String, Object>>> batches,
            List<Integer> eventPoints,
            int ahead,
            Duration pace) {
        this.pipeline = pipeline;
        this.batches = batches;
        this.eventPoints = List.copyOf(eventPoints);
        this.ahead = ahead;
        this.pace = pace;
        this.done = CompletableFuture.runAsync(this::sendAll);
    }

    /** Starts sending {@code batches}, holding back at each of {@code eventPoints} (batch counts, ascending). */
    static StreamSender start(
            Pipeline pipeline,
            List<List<Map<String, Object>>> batches,
            List<Integer> eventPoints,
            int ahead,
            Duration pace) {
        return new StreamSender(pipeline, batches, eventPoints, ahead, pace);
    }

    /** Sends every batch, as fast as ingest takes them, and returns once all were acknowledged. */
    static Set<String> sendAll(Pipeline pipeline, List<Map<String, Object>> transactions, Duration atMost) {
        try (StreamSender sender = start(pipeline, CardStream.batches(transactions, 20), List.of(), 0, Duration.ZERO)) {
            sender.finish(atMost);
            return sender.acknowledged();
        }
    }

    /** Waits until {@code count} batches were acknowledged. */
    void awaitSent(int count, Duration atMost) {
        await().atMost(atMost).until(() -> sent.get() >= count || done.isDone());
        if (done.isCompletedExceptionally()) {
            done.join(); // throws the sender's failure
        }
    }

    /** The event at the next point happened: the sender may run on to the one after. */
    void eventDone() {
        eventsDone.incrementAndGet();
    }

    /** Waits until every batch was acknowledged; returns how many sends had to be retried. */
    int finish(Duration atMost) {
        try {
            done.get(atMost.toMillis(), TimeUnit.MILLISECONDS);
            return retries.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("ingest did not accept the stream within " + atMost + ": " + sent.get() + " of "
                    + batches.size() + " batches accepted, " + retries.get() + " sends retried");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The ids of the transactions ingest answered 202 for. */
    Set<String> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    int sent() {
        return sent.get();
    }

    /** Stops sending (a failed test must not leave a thread retrying into the next test class). */
    @Override
    public void close() {
        stopped.set(true);
    }

    private void sendAll() {
        for (int i = 0; i < batches.size() && !stopped.get(); i++) {
            while (!stopped.get()
                    && eventsDone.get() < eventPoints.size()
                    && i >= eventPoints.get(eventsDone.get()) + ahead) {
                sleep(Duration.ofMillis(50));
            }
            while (!stopped.get() && !accepted(batches.get(i))) {
                retries.incrementAndGet();
                sleep(Duration.ofMillis(200));
            }
            if (stopped.get()) {
                return;
            }
            batches.get(i).forEach(transaction -> acknowledged.add(CardStream.id(transaction)));
            sent.incrementAndGet();
            sleep(pace);
        }
    }

    private boolean accepted(List<Map<String, Object>> batch) {
        try {
            // the sending system of the batch's bank: ingest takes a bank's records from that bank only
            String bank = (String) batch.get(0).get("bankId");
            HttpResponse<String> response = Http.post(
                    pipeline.ingestUrl() + "/api/v1/transactions/batch",
                    Map.of("transactions", batch),
                    pipeline.senderToken(bank));
            if (response.statusCode() == 400) {
                throw new AssertionError("the test sent an invalid batch: " + response.body());
            }
            return response.statusCode() == 202;
        } catch (IOException e) {
            return false; // ingest is down or died mid-request: retry
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
