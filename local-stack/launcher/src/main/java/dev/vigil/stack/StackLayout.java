package dev.vigil.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a stack keeps its files: {@code data/<component>/}, {@code logs/<component>.log},
 * {@code pids/<component>.pid}, {@code config/} (generated each start) and {@code stack.env}.
 * Users get {@code <repo>/.vigil}, tests a temporary directory.
 */
record StackLayout(Path root) {

    StackLayout {
        root = root.toAbsolutePath().normalize();
    }

    Path data(String component) {
        return directory(root.resolve("data").resolve(component));
    }

    Path log(String component) {
        return logs().resolve(component + ".log");
    }

    Path logs() {
        return directory(root.resolve("logs"));
    }

    Path pidFile(String component) {
        return directory(root.resolve("pids")).resolve(component + ".pid");
    }

    Path config(String fileName) {
        return directory(root.resolve("config")).resolve(fileName);
    }

    Path envFile() {
        return root.resolve("stack.env");
    }

    private static Path directory(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }
}
