package dev.vigil.stack;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * PostgreSQL from the operating system's binaries ({@code initdb}, {@code pg_ctl}), with the
 * databases {@value #DATABASE} (Vigil's) and {@value #REGISTRY_DATABASE} (the schema registry's)
 * owned by the role {@value #USER}. PostgreSQL refuses to run as root,
 * so a root user runs it as the {@code postgres} OS user, which then owns its data directory.
 */
final class Postgres implements Component {

    static final String DATABASE = "vigil";
    static final String USER = "vigil";
    static final String PASSWORD = "vigil";
    static final String REGISTRY_DATABASE = "registry";
    private static final String SUPERUSER = "postgres";

    private final StackLayout layout;
    private final int port;
    private final Lifetime lifetime;
    private final Function<Path, Path> binaries;

    /** With the binaries {@link PostgresBinaries#find} finds. */
    Postgres(StackLayout layout, int port, Lifetime lifetime) {
        this(layout, port, lifetime, PostgresBinaries::find);
    }

    /** @param binaries the directory holding initdb and pg_ctl, given a directory to unpack bundled ones into */
    Postgres(StackLayout layout, int port, Lifetime lifetime, Function<Path, Path> binaries) {
        this.layout = layout;
        this.port = port;
        this.lifetime = lifetime;
        this.binaries = binaries;
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public int port() {
        return port;
    }

    String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    /** The schema registry's database, apart from Vigil's tables. */
    SchemaRegistry.Storage registryStorage() {
        return new SchemaRegistry.Storage(jdbcUrl(REGISTRY_DATABASE), USER, PASSWORD);
    }

    @Override
    public void start() {
        if (process().isPresent()) {
            return;
        }
        Path bin = bin();
        Path home = layout.data(name());
        Path log = layout.log(name());
        Path ready = home.resolve("initialised");
        prepareFiles(home, log);
        String superuserPassword = null;
        if (!Files.exists(ready)) {
            // a data directory without the marker is from an initialisation that did not finish: start over
            Directories.deleteRecursively(pgdata());
            superuserPassword = initdb(bin, home, log);
        }
        writeSettings();
        ChildProcesses.run(
                asPostgres(
                        bin.resolve("pg_ctl").toString(),
                        "-D",
                        pgdata().toString(),
                        "-l",
                        log.toString(),
                        "-w",
                        "-t",
                        "60",
                        "start"),
                log,
                Duration.ofSeconds(70),
                home);
        if (superuserPassword != null) {
            createRoleAndDatabase(superuserPassword);
            write(ready, "");
        }
        ProcessHandle postmaster = process()
                .orElseThrow(() -> new IllegalStateException("PostgreSQL started but left no running postmaster; see "
                        + log + ":\n" + ChildProcesses.tail(log, 20)));
        ChildProcesses.writePid(layout.pidFile(name()), postmaster.pid());
        Readiness.await("PostgreSQL on port " + port, postmaster, log, Duration.ofSeconds(30), this::answers);
        requireRegistryDatabase();
    }

    /**
     * A cluster without the registry's database holds data written while schemas were kept elsewhere:
     * the schema ids its records carry mean nothing to this registry, so the stack refuses to go on
     * rather than let the registry hand the same ids to other schemas.
     */
    private void requireRegistryDatabase() {
        try {
            connect(REGISTRY_DATABASE, USER, PASSWORD).close(); // present
        } catch (SQLException e) {
            if (!"3D000".equals(e.getSQLState())) {
                throw new IllegalStateException(
                        "cannot reach the " + REGISTRY_DATABASE + " database: " + e.getMessage(), e);
            }
            throw new IllegalStateException(
                    "PostgreSQL in " + pgdata() + " has no '" + REGISTRY_DATABASE + "' database,"
                            + " where the schema registry keeps its schemas: this stack's data predates it, and the schema ids"
                            + " on its topics are unknown to the registry. Start afresh: stop the stack and delete "
                            + layout.root().resolve("data"));
        }
    }

    @Override
    public Optional<ProcessHandle> process() {
        return ChildProcesses.running(pgdata().resolve("postmaster.pid"), pgdata().toString());
    }

    @Override
    public boolean healthy() {
        return process().isPresent() && answers();
    }

    @Override
    public void stop() {
        Optional<ProcessHandle> postmaster = process();
        if (postmaster.isEmpty()) {
            return;
        }
        // fast: disconnect clients and stop cleanly; immediate: no checkpoint, the data is thrown away anyway
        String mode = lifetime == Lifetime.DAEMON ? "fast" : "immediate";
        ChildProcesses.run(
                asPostgres(
                        bin().resolve("pg_ctl").toString(),
                        "-D",
                        pgdata().toString(),
                        "-m",
                        mode,
                        "-w",
                        "-t",
                        "60",
                        "stop"),
                layout.log(name()),
                Duration.ofSeconds(70),
                layout.data(name()));
        // pg_ctl returns once the pid file is gone, a moment before the postmaster process is
        if (!ChildProcesses.awaitExit(postmaster.get(), Duration.ofSeconds(10))) {
            throw new IllegalStateException(
                    "the PostgreSQL postmaster (pid " + postmaster.get().pid() + ") did not exit");
        }
    }

    private Path bin() {
        return binaries.apply(layout.data(name()).resolve("binaries"));
    }

    private Path pgdata() {
        return layout.data(name()).resolve("pgdata");
    }

    private Path socketDir() {
        return layout.data(name()).resolve("run");
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private boolean answers() {
        try {
            connect(DATABASE, USER, PASSWORD).close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Initialises the cluster with a one-time superuser password, which it returns; nothing else ever needs it. */
    private String initdb(Path bin, Path home, Path log) {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String password = HexFormat.of().formatHex(random);
        Path passwordFile = home.resolve("superuser-password");
        write(passwordFile, password + "\n");
        try {
            Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot protect " + passwordFile, e);
        }
        ownedByPostgres(passwordFile);
        try {
            List<String> command = new ArrayList<>(List.of(
                    bin.resolve("initdb").toString(),
                    "-D",
                    pgdata().toString(),
                    "-U",
                    SUPERUSER,
                    "--pwfile=" + passwordFile,
                    "--auth=scram-sha-256",
                    "-E",
                    "UTF8",
                    "--locale=C"));
            if (lifetime == Lifetime.TEST) {
                command.add("--no-sync");
            }
            ChildProcesses.run(asPostgres(command.toArray(String[]::new)), log, Duration.ofSeconds(120), home);
        } finally {
            Directories.deleteRecursively(passwordFile);
        }
        append(
                pgdata().resolve("postgresql.conf"),
                "\n# the Vigil local stack's settings, rewritten at every start\n"
                        + "include_if_exists = 'vigil.conf'\n");
        return password;
    }

    private void writeSettings() {
        List<String> settings = new ArrayList<>(List.of(
                "listen_addresses = '127.0.0.1'", "port = " + port, "unix_socket_directories = '" + socketDir() + "'"));
        if (lifetime == Lifetime.TEST) {
            // a test database lives for one JVM and is deleted with it: durability buys nothing
            settings.addAll(List.of("fsync = off", "synchronous_commit = off", "full_page_writes = off"));
        }
        Path file = pgdata().resolve("vigil.conf");
        write(file, String.join("\n", settings) + "\n");
        ownedByPostgres(file);
    }

    private void createRoleAndDatabase(String superuserPassword) {
        try (Connection connection = connect("postgres", SUPERUSER, superuserPassword);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
            statement.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
            statement.execute("CREATE DATABASE " + REGISTRY_DATABASE + " OWNER " + USER);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the " + USER + " role and databases: " + e.getMessage(), e);
        }
    }

    private Connection connect(String database, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", "2");
        properties.setProperty("socketTimeout", "5");
        // the driver directly, not DriverManager: test frameworks load this class in class loaders DriverManager does
        // not see
        Connection connection = new org.postgresql.Driver().connect(jdbcUrl(database), properties);
        if (connection == null) {
            throw new SQLException("the PostgreSQL driver does not accept " + jdbcUrl(database));
        }
        return connection;
    }

    /** The data and socket directories and the log belong to the user PostgreSQL runs as, and their path is open to it. */
    private void prepareFiles(Path home, Path log) {
        try {
            Files.createDirectories(socketDir());
            if (!Files.exists(log)) {
                Files.createFile(log);
            }
            if (runsAsRoot()) {
                requireTraversable(layout.root().getParent());
                if (!Files.getPosixFilePermissions(layout.root()).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    // temporary directories are created 700: let the postgres user through to its data
                    Files.setPosixFilePermissions(layout.root(), PosixFilePermissions.fromString("rwxr-xr-x"));
                }
                for (Path path : List.of(home, socketDir(), log)) {
                    ownedByPostgres(path);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + home + " for PostgreSQL", e);
        }
    }

    /** Directories above the stack's are not the stack's to change: say which one blocks the postgres user. */
    private static void requireTraversable(Path directory) throws IOException {
        for (Path dir = directory; dir != null; dir = dir.getParent()) {
            if (!Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                throw new IllegalStateException("PostgreSQL runs as the '" + SUPERUSER + "' user, which cannot enter "
                        + dir + " (" + PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))
                        + "); allow it (chmod o+x " + dir + ") or put the stack elsewhere with "
                        + StackCli.STACK_DIR + "=<directory>");
            }
        }
    }

    private void ownedByPostgres(Path path) {
        if (!runsAsRoot()) {
            return;
        }
        try {
            UserPrincipal postgres =
                    FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(SUPERUSER);
            Files.setOwner(path, postgres);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "running as root, PostgreSQL needs the '" + SUPERUSER
                            + "' OS user (apt-get install postgresql creates it): " + e.getMessage(),
                    e);
        }
    }

    private static List<String> asPostgres(String... command) {
        List<String> full = new ArrayList<>();
        if (runsAsRoot()) {
            full.addAll(List.of("runuser", "-u", SUPERUSER, "--"));
        }
        full.addAll(List.of(command));
        return full;
    }

    private static boolean runsAsRoot() {
        return new UnixSystem().getUid() == 0;
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void append(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
