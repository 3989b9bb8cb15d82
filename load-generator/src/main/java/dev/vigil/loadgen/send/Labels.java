package dev.vigil.loadgen.send;

import dev.vigil.loadgen.scenario.SimTransaction;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ground truth, sent late as a bank learns it: a chargeback for every accepted fraud, and a
 * cardholder's confirmation for a sample of genuine transactions, {@code delay} after each was sent.
 * The genuine sample is chosen from the transaction id, so it does not depend on thread timing.
 */
public final class Labels {

    private final Target target;
    private final Duration delay;
    private final double genuineShare;
    private final PriorityQueue<Due> queue = new PriorityQueue<>(Comparator.comparing(Due::at));
    private final Queue<CompletableFuture<?>> outstanding = new ConcurrentLinkedQueue<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    public Labels(Target target, Duration delay, double genuineShare) {
        this.target = target;
        this.delay = delay;
        this.genuineShare = genuineShare;
    }

    /** Plans the label of a transaction ingest accepted at {@code sentAt}, if it gets one. */
    public void plan(SimTransaction transaction, Instant sentAt) {
        if (transaction.isFraud() || sampled(transaction.transactionId(), genuineShare)) {
            synchronized (queue) {
                queue.add(new Due(sentAt.plus(delay), transaction));
            }
        }
    }

    /** Whether a genuine transaction is in the labelled sample: by its id, so runs, replays and import slices agree. */
    public static boolean sampled(String transactionId, double share) {
        return Math.floorMod(transactionId.hashCode(), 10_000) < share * 10_000;
    }

    /** Sends the labels due by now. */
    public void sendDue() {
        Instant now = Instant.now();
        while (true) {
            Due due;
            synchronized (queue) {
                if (queue.isEmpty() || queue.peek().at().isAfter(now)) {
                    return;
                }
                due = queue.poll();
            }
            SimTransaction transaction = due.transaction();
            outstanding.add(
                    target.sendLabel(transaction, transaction.isFraud(), now).thenAccept(this::count));
        }
    }

    /** Waits for the labels still planned (at most {@code delay}), sends them and waits for their answers. */
    public void drain() throws InterruptedException {
        Instant last;
        synchronized (queue) {
            last = queue.stream().map(Due::at).max(Comparator.naturalOrder()).orElse(Instant.now());
        }
        while (Instant.now().isBefore(last)) {
            sendDue();
            Thread.sleep(50);
        }
        sendDue();
        try {
            CompletableFuture.allOf(outstanding.toArray(CompletableFuture[]::new))
                    .get(15, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // a label still unanswered after 15 s counts as neither sent nor failed
        }
    }

    private void count(String outcome) {
        if (outcome == null) {
            sent.incrementAndGet();
        } else {
            failed.incrementAndGet();
        }
    }

    public long sent() {
        return sent.get();
    }

    public long failed() {
        return failed.get();
    }

    private record Due(Instant at, SimTransaction transaction) {}
}
