package dev.vigil.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/** Where {@code initdb} and {@code pg_ctl} are: {@code VIGIL_PG_BIN}, else the newest Debian/Ubuntu PostgreSQL. */
final class PostgresBinaries {

    static final String VARIABLE = "VIGIL_PG_BIN";
    private static final Path DEBIAN = Path.of("/usr/lib/postgresql");

    private PostgresBinaries() {
    }

    static Path find() {
        String configured = System.getenv(VARIABLE);
        if (configured != null && !configured.isBlank()) {
            Path bin = Path.of(configured);
            if (!Files.isExecutable(bin.resolve("initdb"))) {
                throw new IllegalStateException(VARIABLE + "=" + configured + " holds no initdb");
            }
            return bin;
        }
        return newestDebian().orElseThrow(() -> new IllegalStateException(
                "PostgreSQL binaries not found in " + DEBIAN + "/<version>/bin: install them (apt-get install postgresql)"
                        + " or point " + VARIABLE + " at a directory holding initdb and pg_ctl"));
    }

    private static Optional<Path> newestDebian() {
        if (!Files.isDirectory(DEBIAN)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(DEBIAN)) {
            return versions.filter(v -> v.getFileName().toString().matches("\\d+"))
                    .filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                    .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString())))
                    .map(v -> v.resolve("bin"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + DEBIAN, e);
        }
    }
}
