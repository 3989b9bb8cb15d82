package dev.vigil.trainer;

import java.time.Duration;
import java.time.Instant;

/**
 * The time-ordered split, in event time, ending at the reference time:
 * {@code [trainFrom, trainTo)} train, {@code [trainTo, testFrom)} delay, {@code [testFrom, testTo)} test.
 *
 * <p>The delay is the time fraud takes to be reported: a model trained at {@code testFrom} would
 * only know labels that arrived by then, so training rows use labels known by {@code testFrom}
 * (the training cut-off), and test rows labels known by {@code testTo}. A chargeback that arrives
 * later is not used.
 */
record TrainingWindows(Instant trainFrom, Instant trainTo, Instant testFrom, Instant testTo) {

    TrainingWindows {
        if (!(trainFrom.isBefore(trainTo) && !trainTo.isAfter(testFrom) && testFrom.isBefore(testTo))) {
            throw new IllegalArgumentException("windows out of order: " + trainFrom + " " + trainTo + " "
                    + testFrom + " " + testTo);
        }
    }

    static TrainingWindows endingAt(Instant reference, Duration train, Duration delay, Duration test) {
        Instant testFrom = reference.minus(test);
        Instant trainTo = testFrom.minus(delay);
        return new TrainingWindows(trainTo.minus(train), trainTo, testFrom, reference);
    }

    /** Labels known by this time may be used for training rows. */
    Instant trainingCutoff() {
        return testFrom;
    }
}
