package dev.vigil.scorer.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * The text summary of a scorer flight recording kept in {@code docs/profiles/}: CPU samples by
 * thread, the hottest methods (self and inclusive), named parts of the per-record work, allocation
 * by the first frame that is not the JDK's, and GC and JIT totals. Not a test: a main run by hand,
 * {@code JfrSummary scorer.jfr [records from to [stacks]]}: with the records measured and the window {@code
 * ScorerThroughput} printed (ISO instants), only that window counts, warm-up and start-up left out. With
 * {@code stacks}, it also writes the window's stacks, one line per distinct stack and its weight (the
 * "collapsed" form flame-graph tools read), to {@code stacks-cpu.collapsed} (Java samples, by thread) and
 * {@code stacks-alloc.collapsed} (sampled bytes); async-profiler's converter ({@code
 * tools.profiler:jfr-converter} on Maven Central) turns each into an HTML flame graph:
 * {@code java -jar jfr-converter-4.2.jar stacks-cpu.collapsed cpu.html}.
 *
 * <p>Java samples ({@code jdk.ExecutionSample}) and threads in native code ({@code
 * jdk.NativeMethodSample}: RocksDB, socket I/O, and threads parked in a native wait) are counted
 * apart, since JFR samples the second kind whether or not the thread burns CPU.
 */
public final class JfrSummary {

    /** Parts of the per-record work, by a frame that marks them (class and method, a prefix of either). */
    private static final Map<String, String> PARTS = parts();

    private static final int TOP = 20;

    private JfrSummary() {}

    private static Map<String, String> parts() {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("dev.vigil.scorer.CardScorer.process", "CardScorer.process (all of the per-record work below)");
        parts.put("dev.vigil.scorer.CardScorer.seenBefore", "  dedup (store read/write, content hash)");
        parts.put("dev.vigil.schemas.TransactionContent.hash", "    content hash");
        parts.put("dev.vigil.scorer.CardScorer.merchantRisk", "  merchant-risk look-ups (store reads, decoding)");
        parts.put("dev.vigil.features.CardFeatures.next", "  features and profile update (look-ups included)");
        parts.put("org.apache.kafka.streams.state.internals.MeteredKeyValueStore.get", "  key-value store reads");
        parts.put("org.apache.kafka.streams.state.internals.MeteredKeyValueStore.put", "  key-value store writes");
        parts.put("dev.vigil.features.Verdict.of", "  rules + model + reasons");
        parts.put("dev.vigil.features.model.ModelEvaluator.evaluate", "    model (trees and reasons)");
        parts.put("dev.vigil.features.Verdict.scoreRecord", "  transaction-scores record built");
        parts.put("dev.vigil.scorer.ScorerMetrics.scored", "  scorer meters");
        parts.put("org.apache.kafka.streams.processor.internals.SinkNode.process", "  sinks (serialise, send)");
        parts.put("org.apache.kafka.clients.producer.KafkaProducer.send", "    producer send");
        parts.put("dev.vigil.scorer.TransactionReader.process", "TransactionReader.process (Avro read)");
        parts.put("org.apache.kafka.streams.processor.internals.TaskExecutor.commitOffsetsOrTransaction", "commit");
        parts.put("org.apache.kafka.streams.processor.internals.StreamTask.prepareCommit", "flush before commit");
        parts.put("org.apache.kafka.clients.consumer.internals.ClassicKafkaConsumer.poll", "consumer poll");
        parts.put("io.quarkus.micrometer.runtime.export.handlers.PrometheusHandler", "metrics scrape (/q/metrics)");
        return parts;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: JfrSummary <recording.jfr> [records measured, from, to [stacks prefix]]");
            System.exit(2);
        }
        long records = args.length > 1 ? Long.parseLong(args[1]) : 0;
        Instant from = args.length > 3 ? Instant.parse(args[2]) : Instant.MIN;
        Instant to = args.length > 3 ? Instant.parse(args[3]) : Instant.MAX;
        Map<String, Long> threads = new HashMap<>();
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> inclusive = new HashMap<>();
        Map<String, Long> parts = new HashMap<>();
        Map<String, Long> nativeTop = new HashMap<>();
        Map<String, Long> allocations = new HashMap<>();
        long javaSamples = 0;
        long nativeSamples = 0;
        long allocated = 0;
        long collections = 0;
        Duration paused = Duration.ZERO;
        long compilations = 0;
        Duration compiling = Duration.ZERO;
        Map<String, Long> cpuStacks = new HashMap<>();
        Map<String, Long> allocationStacks = new HashMap<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (event.getStartTime().isBefore(from) || event.getStartTime().isAfter(to)) {
                continue;
            }
            switch (event.getEventType().getName()) {
                case "jdk.ExecutionSample" -> {
                    javaSamples++;
                    String thread = threadName(event.getThread("sampledThread"));
                    add(threads, thread, 1);
                    List<RecordedFrame> frames = frames(event.getStackTrace());
                    add(cpuStacks, collapsed(thread, frames), 1);
                    if (!frames.isEmpty()) {
                        add(self, name(frames.get(0)), 1);
                    }
                    Set<String> seen = new HashSet<>();
                    Set<String> seenParts = new HashSet<>();
                    for (RecordedFrame frame : frames) {
                        String name = name(frame);
                        if (seen.add(name)) {
                            add(inclusive, name, 1);
                        }
                        for (String marker : PARTS.keySet()) {
                            if (name.startsWith(marker) && seenParts.add(marker)) {
                                add(parts, marker, 1);
                            }
                        }
                    }
                }
                case "jdk.NativeMethodSample" -> {
                    nativeSamples++;
                    List<RecordedFrame> frames = frames(event.getStackTrace());
                    if (!frames.isEmpty()) {
                        add(nativeTop, name(frames.get(0)), 1);
                    }
                }
                case "jdk.ObjectAllocationSample" -> {
                    long weight = event.getLong("weight");
                    allocated += weight;
                    add(allocations, firstOwnFrame(frames(event.getStackTrace())), weight);
                    add(
                            allocationStacks,
                            collapsed(threadName(event.getThread("eventThread")), frames(event.getStackTrace())),
                            weight);
                }
                case "jdk.GarbageCollection" -> {
                    collections++;
                    paused = paused.plus(event.getDuration("sumOfPauses"));
                }
                case "jdk.Compilation" -> {
                    compilations++;
                    compiling = compiling.plus(event.getDuration());
                }
                default -> {}
            }
        }
        System.out.printf(Locale.ROOT, "Java execution samples: %d%n", javaSamples);
        print("By thread:", threads, javaSamples, 8);
        print("Hottest methods (self):", self, javaSamples, TOP);
        System.out.printf(Locale.ROOT, "%nParts (inclusive):%n");
        for (Map.Entry<String, String> part : PARTS.entrySet()) {
            System.out.printf(
                    Locale.ROOT,
                    "  %5.1f%%  %s%n",
                    percent(parts.getOrDefault(part.getKey(), 0L), javaSamples),
                    part.getValue());
        }
        Map<String, Long> ours = new HashMap<>();
        inclusive.forEach((name, count) -> {
            if (name.startsWith("dev.vigil.")) {
                ours.put(name, count);
            }
        });
        print("Our methods (inclusive):", ours, javaSamples, TOP);
        System.out.printf(
                Locale.ROOT, "%nNative-method samples (threads in native code, waiting or not): %d%n", nativeSamples);
        print("Top native frames:", nativeTop, nativeSamples, 8);
        System.out.printf(
                Locale.ROOT,
                "%nAllocation (sampled weight): %.2f GB%s; by first frame of ours or a library:%n",
                allocated / 1e9,
                records > 0 ? String.format(Locale.ROOT, ", %.1f KB per record", allocated / 1e3 / records) : "");
        print(null, allocations, allocated, 15);
        System.out.printf(
                Locale.ROOT,
                "%nGC: %d collections, %.1f s of pauses%nJIT: %d compilations, %.0f s spent compiling%n",
                collections,
                paused.toMillis() / 1e3,
                compilations,
                compiling.toMillis() / 1e3);
        if (args.length > 4) {
            writeStacks(Path.of(args[4] + "-cpu.collapsed"), cpuStacks);
            writeStacks(Path.of(args[4] + "-alloc.collapsed"), allocationStacks);
        }
    }

    /** A stack as one line: the thread, then the frames from the outermost, separated by {@code ;}. */
    private static String collapsed(String thread, List<RecordedFrame> frames) {
        StringBuilder line = new StringBuilder(thread.replace(' ', '_').replace(';', ':'));
        for (int i = frames.size() - 1; i >= 0; i--) {
            line.append(';').append(name(frames.get(i)));
        }
        return line.toString();
    }

    private static void writeStacks(Path file, Map<String, Long> stacks) throws IOException {
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file))) {
            stacks.forEach((stack, weight) -> out.println(stack + " " + weight));
        }
    }

    private static List<RecordedFrame> frames(RecordedStackTrace stack) {
        return stack == null ? List.of() : stack.getFrames();
    }

    private static String name(RecordedFrame frame) {
        RecordedMethod method = frame.getMethod();
        return method.getType().getName() + "." + method.getName();
    }

    /** The first frame outside the JDK's own packages: who asked for the memory. */
    private static String firstOwnFrame(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String name = name(frame);
            if (!name.startsWith("java.") && !name.startsWith("jdk.") && !name.startsWith("sun.")) {
                return name;
            }
        }
        return frames.isEmpty() ? "(no stack)" : name(frames.get(0));
    }

    /** Thread names with their numbers folded, so a pool counts as one line. */
    private static String threadName(RecordedThread thread) {
        if (thread == null) {
            return "(unknown)";
        }
        String name = thread.getJavaName() != null ? thread.getJavaName() : thread.getOSName();
        return name.replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "ID").replaceAll("[0-9]+", "N");
    }

    private static void add(Map<String, Long> counts, String key, long amount) {
        counts.merge(key, amount, Long::sum);
    }

    private static double percent(long part, long whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }

    private static void print(String title, Map<String, Long> counts, long whole, int top) {
        if (title != null) {
            System.out.printf(Locale.ROOT, "%n%s%n", title);
        }
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(top)
                .forEach(e ->
                        System.out.printf(Locale.ROOT, "  %5.1f%%  %s%n", percent(e.getValue(), whole), e.getKey()));
    }
}
