package dev.vigil.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Files the launcher jar carries (Kafka's logging, Prometheus' rules, the exporters' settings), written out for a process to read. */
final class Resources {

    private Resources() {}

    /** Copies {@code name} (relative to this package) to {@code target}, replacing it; returns {@code target}. */
    static Path copy(String name, Path target) {
        try (InputStream in = Resources.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the local-stack jar; rebuild local-stack");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }
}
