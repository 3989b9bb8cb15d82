package dev.vigil.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds a JDK of at least a given feature version for a child process that needs a newer Java than
 * Vigil's own (the registry): {@value #OVERRIDE} if set, else the JVM running the stack if new
 * enough, else the newest JDK installed in the system's JVM folder, read from each one's
 * {@code release} file, so the same machine always gives the same answer.
 */
final class Jdks {

    static final String OVERRIDE = "VIGIL_REGISTRY_JAVA_HOME";
    static final Path SYSTEM_JVMS = Path.of("/usr/lib/jvm");
    private static final Pattern JAVA_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)(?:\\.(\\d+))?[^\"]*\"");

    /** A JDK's home and feature version (17, 21, 25). */
    record Jdk(Path home, int feature) {
        Path java() {
            return home.resolve("bin").resolve("java");
        }
    }

    private Jdks() {}

    /**
     * @param forWhat  what needs it, for the error message
     * @param running  the home of the JVM running this code
     * @param jvms     the folder JDKs are installed in
     */
    static Jdk find(int minimum, String forWhat, Map<String, String> env, Path running, Path jvms) {
        String override = env.get(OVERRIDE);
        if (override != null && !override.isBlank()) {
            Optional<Jdk> given = read(Path.of(override.trim()));
            if (given.isEmpty() || given.get().feature() < minimum) {
                throw new IllegalStateException(OVERRIDE + "=" + override + " is not a JDK " + minimum + " or newer ("
                        + given.map(j -> "Java " + j.feature()).orElse("no bin/java and release file") + "); "
                        + forWhat + " needs one");
            }
            return given.get();
        }
        Optional<Jdk> current = read(running).filter(j -> j.feature() >= minimum);
        if (current.isPresent()) {
            return current.get();
        }
        List<Jdk> installed = installed(jvms);
        return installed.stream()
                .filter(j -> j.feature() >= minimum)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(forWhat + " needs Java " + minimum
                        + " or newer, and none was"
                        + " found (this JVM: "
                        + read(running).map(j -> "Java " + j.feature()).orElse("unknown") + "; in "
                        + jvms + ": "
                        + (installed.isEmpty()
                                ? "none"
                                : installed.stream()
                                        .map(j -> j.home().getFileName() + " (" + j.feature() + ")")
                                        .toList())
                        + "). Install a JDK " + minimum + "+ (Eclipse Temurin from adoptium.net; Debian 12 packages"
                        + " only 17) into " + jvms + ", or set " + OVERRIDE + " to its home."));
    }

    /** The JDKs in {@code jvms}, newest first, then by folder name. */
    static List<Jdk> installed(Path jvms) {
        if (!Files.isDirectory(jvms)) {
            return List.of();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.map(Jdks::read)
                    .flatMap(Optional::stream)
                    .sorted(Comparator.comparingInt(Jdk::feature)
                            .reversed()
                            .thenComparing(j -> j.home().getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + jvms, e);
        }
    }

    /** A JDK home with an executable bin/java and a release file naming its version; else empty. */
    static Optional<Jdk> read(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release)
                || !Files.isExecutable(home.resolve("bin").resolve("java"))) {
            return Optional.empty();
        }
        try {
            OptionalInt feature = feature(Files.readString(release, StandardCharsets.UTF_8));
            return feature.isPresent() ? Optional.of(new Jdk(home, feature.getAsInt())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The feature version a {@code release} file's JAVA_VERSION names: "25.0.3" is 25, the old "1.8.0_292" is 8. */
    static OptionalInt feature(String release) {
        Matcher m = JAVA_VERSION.matcher(release);
        if (!m.find()) {
            return OptionalInt.empty();
        }
        int first = Integer.parseInt(m.group(1));
        return OptionalInt.of(first == 1 && m.group(2) != null ? Integer.parseInt(m.group(2)) : first);
    }
}
