package dev.vigil.ingest.transaction;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Group commit: callers hand over items and wait until they are written; one thread writes all the
 * items waiting when it comes round, in one call of {@code writer}. Alone, a caller waits for its own
 * write; with others in flight, they share one. The writer reports its own failures (it does not
 * throw), so a caller learns only that its items were handled.
 */
final class GroupCommit<T> implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(GroupCommit.class);
    /** Longer than any healthy write; a caller stops waiting then (the write may still happen). */
    private static final Duration MAX_WAIT = Duration.ofSeconds(5);

    private record Submission<T>(List<T> items, CompletableFuture<Void> written) {}

    private final LinkedBlockingQueue<Submission<T>> queue = new LinkedBlockingQueue<>();
    private final Consumer<List<T>> writer;
    private final Thread thread;

    GroupCommit(String name, Consumer<List<T>> writer) {
        this.writer = writer;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Returns once {@code items} were handed to the writer and it returned, or after {@link #MAX_WAIT}. */
    void submitAndWait(List<T> items) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        queue.add(new Submission<>(items, written));
        try {
            written.get(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.warnf(
                    "%s: a write did not finish: %s",
                    thread.getName(), e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<Submission<T>> group = new ArrayList<>();
        while (true) {
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                break;
            }
            queue.drainTo(group);
            List<T> items = new ArrayList<>();
            group.forEach(s -> items.addAll(s.items()));
            try {
                writer.accept(items);
            } catch (RuntimeException e) {
                LOG.warnf(
                        "%s: the writer failed: %s",
                        thread.getName(), e.getClass().getName());
            } finally {
                group.forEach(s -> s.written().complete(null));
                group.clear();
            }
        }
        // closing: whoever still waits stops waiting; its records are in Kafka, unmarked, so a retry produces a copy
        List<Submission<T>> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(s -> s.written().completeExceptionally(new IllegalStateException("closed")));
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(MAX_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
