package dev.vigil.checks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The repository's own files, read as text: what the checks look at. */
final class Repository {

    /** Build output, dependencies, local state and the IDE's: not the project's sources. */
    private static final Set<String> SKIPPED = Set.of("target", "node_modules", ".git", ".vigil", ".idea", ".mvn");

    static final Path ROOT = root();

    private Repository() {}

    /** Every file below the root whose name ends with {@code suffix}, as paths relative to the root. */
    static List<Path> files(String suffix) {
        try (Stream<Path> walk = Files.walk(ROOT)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(suffix))
                    .map(ROOT::relativize)
                    .filter(p -> Stream.iterate(p, q -> q != null, Path::getParent)
                            .noneMatch(part -> part.getFileName() != null
                                    && SKIPPED.contains(part.getFileName().toString())))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Java sources of main code (not tests) of every module. */
    static List<Path> mainJava() {
        return files(".java").stream()
                .filter(p -> p.toString().contains("/src/main/java/"))
                .toList();
    }

    static String read(Path relative) {
        try {
            return Files.readString(ROOT.resolve(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The module a path belongs to: its first folder. */
    static String module(Path relative) {
        return relative.getName(0).toString();
    }

    /** {@code vigil.repository} as Maven sets it, else the parent of the working directory (the module's). */
    private static Path root() {
        String configured = System.getProperty("vigil.repository");
        Path root = (configured == null ? Path.of("..") : Path.of(configured))
                .toAbsolutePath()
                .normalize();
        if (!Files.isRegularFile(root.resolve("pom.xml")) || !Files.isDirectory(root.resolve("repository-checks"))) {
            throw new IllegalStateException(root + " is not the repository's root");
        }
        return root;
    }
}
