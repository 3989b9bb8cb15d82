package dev.vigil.features.model;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.DoubleSupplier;

/**
 * {@link HotPathBenchmark}'s model rows timed by the thread's own CPU clock instead of the wall
 * clock: on a shared machine the benchmark thread is often off the CPU, which JMH's wall-clock
 * figures count and this does not. Each round times {@code calls} calls after as many warm-up
 * calls; it prints every round's nanoseconds per call and their median. Run as in
 * docs/benchmarks.md.
 */
public final class HotPathCpuTime {

    private HotPathCpuTime() {}

    public static void main(String[] args) {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        HotPathBenchmark state = new HotPathBenchmark();
        state.setUp();
        time("gbt100TreesDepth6ScoreUniform", state::gbt100TreesDepth6ScoreUniform, calls, rounds);
        time("gbt100TreesDepth6EvaluateUniform", () -> used(state.gbt100TreesDepth6EvaluateUniform()), calls, rounds);
        time("gbt100TreesDepth6Score", state::gbt100TreesDepth6Score, calls, rounds);
        time("gbt100TreesDepth6Evaluate", () -> used(state.gbt100TreesDepth6Evaluate()), calls, rounds);
    }

    /** Something of the whole evaluation, so that none of it is left uncomputed. */
    private static double used(ModelEvaluator.Evaluation evaluation) {
        return evaluation.score() + evaluation.reasons().size();
    }

    private static void time(String name, DoubleSupplier call, int calls, int rounds) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] perCall = new double[rounds];
        double sink = 0;
        for (int r = 0; r < rounds; r++) {
            for (int c = 0; c < calls; c++) {
                sink += call.getAsDouble();
            }
            long start = threads.getCurrentThreadCpuTime();
            for (int c = 0; c < calls; c++) {
                sink += call.getAsDouble();
            }
            perCall[r] = (threads.getCurrentThreadCpuTime() - start) / (double) calls;
        }
        double[] sorted = perCall.clone();
        Arrays.sort(sorted);
        System.out.printf(
                Locale.ROOT,
                "%-34s median %7.1f ns/call  rounds %s  (%s)%n",
                name,
                sorted[rounds / 2],
                Arrays.toString(Arrays.stream(perCall).map(Math::round).toArray()),
                sink > 0 ? "+" : "-");
    }
}
