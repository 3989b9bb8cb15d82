package dev.vigil.loadgen.send;

import dev.vigil.loadgen.scenario.SimTransaction;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends transactions to the target at the times their source says, without waiting for answers
 * (open loop; at most {@code maxInFlight} unanswered, and time spent waiting for one counts in
 * the latency). Accepted transactions go into the ledger and get their labels planned. A
 * progress line is printed every second.
 */
public final class OpenLoopSender {

    /** The next transaction and when it is meant to go out ({@link System#nanoTime()} scale); none when the source is done. */
    public interface Source {
        Scheduled next();
    }

    public record Scheduled(long intendedNanos, SimTransaction transaction) {}

    private final Target target;
    private final LatencyRecorder recorder;
    private final Ledger ledger;
    private final Labels labels;
    private final int maxInFlight;
    private final Semaphore inFlight;
    private final long startNanos = System.nanoTime();
    private final Instant wallStart = Instant.now();

    public OpenLoopSender(Target target, LatencyRecorder recorder, Ledger ledger, Labels labels, int maxInFlight) {
        this.target = target;
        this.recorder = recorder;
        this.ledger = ledger;
        this.labels = labels;
        this.maxInFlight = maxInFlight;
        this.inFlight = new Semaphore(maxInFlight);
    }

    /** The sender's clock: the nanoTime origin its wall-clock mapping starts from. */
    public long startNanos() {
        return startNanos;
    }

    /** The wall-clock instant of a {@link System#nanoTime()} value, for event times. */
    public Instant wallClock(long nanos) {
        return wallStart.plusNanos(nanos - startNanos);
    }

    /** Sends everything the source gives, then waits for the last answers and labels. */
    public void run(Source source, PrintStream progress) throws InterruptedException {
        Progress line = new Progress(recorder, labels, progress, startNanos);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "progress");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleAtFixedRate(line::print, 1, 1, TimeUnit.SECONDS);
        try {
            for (Scheduled next = source.next(); next != null; next = source.next()) {
                waitUntil(next.intendedNanos());
                labels.sendDue();
                inFlight.acquire();
                send(next);
            }
            if (!inFlight.tryAcquire(maxInFlight, 30, TimeUnit.SECONDS)) {
                progress.println("some requests were still unanswered 30 s after the last was sent");
            }
            labels.drain();
        } finally {
            ticker.shutdownNow();
            line.print();
            line.finish();
        }
    }

    private void send(Scheduled next) {
        SimTransaction transaction = next.transaction();
        target.send(transaction).thenAccept(outcome -> {
            long completed = System.nanoTime();
            recorder.record(next.intendedNanos(), completed, outcome);
            if (outcome == null) {
                Instant sentAt = wallClock(next.intendedNanos());
                ledger.accepted(transaction, sentAt);
                labels.plan(transaction, sentAt);
            }
            inFlight.release();
        });
    }

    private static void waitUntil(long nanos) throws InterruptedException {
        for (long left = nanos - System.nanoTime(); left > 0; left = nanos - System.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    /** How long the run has lasted so far. */
    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
