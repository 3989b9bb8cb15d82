package dev.vigil.ingest.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

    private final List<List<String>> writes = new CopyOnWriteArrayList<>();

    @Test
    void aLoneCallerReturnsOnceItsItemsAreWritten() {
        try (GroupCommit<String> commit = new GroupCommit<>("test", writes::add)) {
            commit.submitAndWait(List.of("tx-1", "tx-2"));

            assertThat(writes).containsExactly(List.of("tx-1", "tx-2"));
        }
    }

    @Test
    void callersArrivingDuringAWriteShareTheNextOne() throws Exception {
        CountDownLatch firstWriteStarted = new CountDownLatch(1);
        CountDownLatch releaseFirstWrite = new CountDownLatch(1);
        try (GroupCommit<String> commit = new GroupCommit<>("test", items -> {
            writes.add(items);
            firstWriteStarted.countDown();
            await(releaseFirstWrite);
        })) {
            Thread first = caller(commit, "tx-1");
            assertThat(firstWriteStarted.await(5, TimeUnit.SECONDS)).isTrue();
            List<Thread> others = List.of(caller(commit, "tx-2"), caller(commit, "tx-3"), caller(commit, "tx-4"));
            // a caller waits (timed) on its write only after it queued its items
            while (!others.stream().allMatch(t -> t.getState() == Thread.State.TIMED_WAITING)) {
                Thread.onSpinWait();
            }
            assertThat(first.isAlive()).isTrue();

            releaseFirstWrite.countDown();
            first.join(5_000);
            for (Thread other : others) {
                other.join(5_000);
            }

            assertThat(writes).hasSize(2);
            assertThat(writes.get(1)).containsExactlyInAnyOrder("tx-2", "tx-3", "tx-4");
        }
    }

    @Test
    void aFailingWriteStillReleasesItsCallers() {
        try (GroupCommit<String> commit = new GroupCommit<>("test", items -> {
            throw new IllegalStateException("the store is down");
        })) {
            commit.submitAndWait(List.of("tx-1"));
            commit.submitAndWait(List.of("tx-2"));
        }
    }

    private static Thread caller(GroupCommit<String> commit, String item) {
        Thread thread = new Thread(() -> commit.submitAndWait(List.of(item)));
        thread.start();
        return thread;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
