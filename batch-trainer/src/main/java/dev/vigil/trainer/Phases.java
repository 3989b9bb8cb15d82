package dev.vigil.trainer;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Wall-clock time of each named phase of a training run, in the order they ran: what the benchmark
 * prints. A phase that forces a lazy Spark plan is only timed if it runs an action inside.
 */
public final class Phases {

    private final Map<String, Duration> times = new LinkedHashMap<>();

    public <T> T time(String phase, Supplier<T> work) {
        long started = System.nanoTime();
        try {
            return work.get();
        } finally {
            times.merge(phase, Duration.ofNanos(System.nanoTime() - started), Duration::plus);
        }
    }

    public Map<String, Duration> times() {
        return Collections.unmodifiableMap(times);
    }
}
