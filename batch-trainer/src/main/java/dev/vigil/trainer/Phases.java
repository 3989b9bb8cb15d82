package dev.vigil.trainer;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.SparkContext;

/**
 * Wall-clock time of each named phase of a training run, in the order they ran: what the benchmark
 * prints. A phase that forces a lazy Spark plan is only timed if it runs an action inside.
 */
public final class Phases {

    private final Map<String, Duration> times = new LinkedHashMap<>();
    private final SparkContext spark;

    public Phases() {
        this(null);
    }

    /** Also names the Spark jobs each phase runs after it (their description in Spark's UI and event log). */
    public Phases(SparkContext spark) {
        this.spark = spark;
    }

    public <T> T time(String phase, Supplier<T> work) {
        long started = System.nanoTime();
        if (spark != null) {
            spark.setJobDescription(phase);
        }
        try {
            return work.get();
        } finally {
            times.merge(phase, Duration.ofNanos(System.nanoTime() - started), Duration::plus);
            if (spark != null) {
                spark.setJobDescription(null);
            }
        }
    }

    /** {@code features 41.2 s, labels 9.8 s, ...}: each phase's time, in the order they ran. */
    public String summary() {
        StringBuilder out = new StringBuilder();
        times.forEach((phase, time) -> out.append(out.isEmpty() ? "" : ", ")
                .append(String.format(java.util.Locale.ROOT, "%s %.1f s", phase, time.toMillis() / 1000.0)));
        return out.toString();
    }

    public Map<String, Duration> times() {
        return Collections.unmodifiableMap(times);
    }
}
