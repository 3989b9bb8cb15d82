package dev.vigil.e2e;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Which faults a crash run injects, in which order, against which scorer instance and after how
 * many batches of the stream: drawn from a seeded random, so a failing run can be replayed with
 * its seed. Two schedules, chosen by the system property {@code vigil.crash.schedule}:
 * {@code ci} (the default, a few minutes) and {@code long}; {@code vigil.crash.seed} replays a run.
 *
 * @param name   the schedule's name
 * @param seed   the seed the faults were drawn with
 * @param faults in the order they happen, at ascending batch counts
 */
record CrashSchedule(String name, long seed, List<Fault> faults) {

    enum Kind {
        /** SIGKILL a scorer instance, then start it again on its state directory. */
        KILL_SCORER,
        /** SIGKILL alerts-api, then start it again. */
        KILL_ALERTS_API,
        /** SIGKILL the Kafka broker, then start it again on its data directory. */
        RESTART_BROKER,
        /** SIGSTOP a scorer instance past its session timeout, then SIGCONT it. */
        FREEZE_SCORER
    }

    /**
     * One fault.
     *
     * @param kind    what happens
     * @param scorer  the scorer instance it happens to (1-based; ignored by the other kinds)
     * @param atBatch after how many acknowledged batches of the stream it happens
     */
    record Fault(Kind kind, int scorer, int atBatch) {
        @Override
        public String toString() {
            return kind
                    + (kind == Kind.KILL_SCORER || kind == Kind.FREEZE_SCORER
                            ? " " + Pipeline.scorerInstance(scorer)
                            : "")
                    + " after batch " + atBatch;
        }
    }

    /** The schedule the system properties ask for, over {@code scorers} scorer instances. */
    static CrashSchedule fromSystemProperties(int scorers) {
        String name = System.getProperty("vigil.crash.schedule", "ci").toLowerCase(Locale.ROOT);
        long seed = Long.getLong("vigil.crash.seed", new Random().nextLong());
        return switch (name) {
            case "ci" -> draw(name, seed, scorers, 3, 2, 1, 1);
            case "long" -> draw(name, seed, scorers, 10, 5, 3, 3);
            default -> throw new IllegalArgumentException("vigil.crash.schedule is ci or long, not " + name);
        };
    }

    private static CrashSchedule draw(
            String name, long seed, int scorers, int scorerKills, int alertsKills, int brokerRestarts, int freezes) {
        Random random = new Random(seed);
        List<Kind> kinds = new ArrayList<>();
        kinds.addAll(Collections.nCopies(scorerKills, Kind.KILL_SCORER));
        kinds.addAll(Collections.nCopies(alertsKills, Kind.KILL_ALERTS_API));
        kinds.addAll(Collections.nCopies(brokerRestarts, Kind.RESTART_BROKER));
        kinds.addAll(Collections.nCopies(freezes, Kind.FREEZE_SCORER));
        Collections.shuffle(kinds, random);
        List<Fault> faults = new ArrayList<>();
        int batch = 0;
        for (Kind kind : kinds) {
            batch += 2 + random.nextInt(5); // 2 to 6 batches of steady traffic between two faults
            faults.add(new Fault(kind, 1 + random.nextInt(scorers), batch));
        }
        return new CrashSchedule(name, seed, List.copyOf(faults));
    }

    /** The batch counts at which the faults happen, for the {@link StreamSender}. */
    List<Integer> points() {
        return faults.stream().map(Fault::atBatch).toList();
    }

    /** How many batches the stream needs so that traffic goes on after the last fault. */
    int batchesNeeded() {
        return faults.isEmpty() ? 10 : faults.get(faults.size() - 1).atBatch() + 10;
    }

    @Override
    public String toString() {
        return "crash schedule " + name + " (-Dvigil.crash.seed=" + seed + "): " + faults;
    }
}
