package dev.vigil.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code ./vigil stack up [--services] | down | status | logs [component] | jdk}: Vigil's dependencies
 * (and, with {@code --services}, its packaged services) as background processes on 127.0.0.1,
 * kept under {@code <repo>/.vigil} ({@code VIGIL_STACK_DIR} overrides). Run from the repository root.
 */
public final class StackCli {

    static final String STACK_DIR = "VIGIL_STACK_DIR";
    private static final String PAN_TOKEN_KEY = "VIGIL_PAN_TOKEN_KEY";
    private static final String JWT_PUBLIC_KEY = "VIGIL_ALERTS_JWT_PUBLIC_KEY";
    private static final String INGEST_JWT_PUBLIC_KEY = "VIGIL_INGEST_JWT_PUBLIC_KEY";
    private static final List<String> ROLES = List.of("app", "analyst", DemoTokens.SENDER);

    private final Path repository;
    private final StackLayout layout;
    private final Map<String, String> env;
    private final PrintStream out;

    StackCli(Path repository, Map<String, String> env, PrintStream out) {
        this.repository = repository.toAbsolutePath().normalize();
        String dir = env.get(STACK_DIR);
        this.layout = new StackLayout(dir == null || dir.isBlank() ? this.repository.resolve(".vigil") : Path.of(dir));
        this.env = env;
        this.out = out;
    }

    public static void main(String[] args) {
        StackCli cli = new StackCli(Path.of(""), System.getenv(), System.out);
        int status;
        try {
            status = cli.run(List.of(args));
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            System.err.println("vigil stack: " + e.getMessage());
            status = 1;
        }
        System.exit(status);
    }

    /** Runs one command; the exit status. */
    int run(List<String> args) {
        String command = args.isEmpty() ? "help" : args.get(0);
        List<String> rest = args.subList(Math.min(1, args.size()), args.size());
        switch (command) {
            case "up":
                return up(rest);
            case "down":
                return down(rest);
            case "status":
                return status(rest);
            case "logs":
                return logs(rest);
            case "token":
                return token(rest);
            case "jdk":
                return jdk(rest);
            case "help":
                out.println("usage: ./vigil stack up [--services] | down | status | logs [component] | jdk"
                        + " | token --bank BANK [--role app|analyst|sender] [--subject NAME] [--ttl PT8H]");
                return 0;
            default:
                throw new IllegalArgumentException("unknown command '" + command + "'; try ./vigil stack help");
        }
    }

    private int up(List<String> options) {
        boolean services = options.contains("--services");
        requireOnly(options, List.of("--services"));
        if (services) {
            List<String> unpackaged = Service.ALL.stream()
                    .filter(s -> !Files.isRegularFile(s.jar(repository)))
                    .map(Service::name)
                    .toList();
            if (!unpackaged.isEmpty()) {
                throw new IllegalStateException("not packaged yet: " + String.join(", ", unpackaged)
                        + "; run ./mvnw -B -pl " + String.join(",", unpackaged) + " -am package -DskipTests");
            }
        }
        Stack stack = stack();
        stack.up();
        if (services) {
            Map<String, String> serviceEnv = new HashMap<>(stack.serviceEnvironment());
            serviceEnv.put(PAN_TOKEN_KEY, panTokenKey());
            serviceEnv.put(JWT_PUBLIC_KEY, demoTokens().publicKeyFile().toString());
            serviceEnv.put(INGEST_JWT_PUBLIC_KEY, demoTokens().publicKeyFile().toString());
            // The scorer's RocksDB stores live with the rest of the stack's data, whatever the working directory.
            serviceEnv.put("VIGIL_SCORER_STATE_DIR", layout.data("scorer").toString());
            for (Service service : Service.ALL) {
                stack.scrape(service.name(), service.port());
                if (ServiceProcess.running(layout, service.name(), service.jar(repository))
                        .isEmpty()) {
                    out.println("starting " + service.name() + " on port " + service.port() + " ...");
                    ServiceProcess.startDetached(
                            layout, service.name(), service.jar(repository), service.port(), serviceEnv);
                }
            }
        }
        printStatus(stack);
        out.println();
        out.println("Endpoints (. " + layout.envFile() + " to export them):");
        stack.endpoints().forEach((name, value) -> out.println("  " + name + "=" + value));
        return 0;
    }

    private int down(List<String> options) {
        requireOnly(options, List.of());
        for (Service service : Service.ALL) {
            ServiceProcess.running(layout, service.name(), service.jar(repository))
                    .ifPresent(process -> {
                        out.println("stopping " + service.name() + " (pid " + process.pid() + ")");
                        ServiceProcess.stop(process);
                    });
            Directories.deleteRecursively(layout.pidFile(service.name()));
        }
        Stack stack = stack();
        for (Component component : stack.stopOrder()) {
            component.process().ifPresent(p -> out.println("stopping " + component.name() + " (pid " + p.pid() + ")"));
        }
        stack.down();
        out.println("stopped; data kept in " + layout.root().resolve("data"));
        return 0;
    }

    /** 0 when Kafka, the registry and PostgreSQL all answer, 3 otherwise (as {@code systemctl status}). */
    private int status(List<String> options) {
        requireOnly(options, List.of());
        return printStatus(stack()) ? 0 : 3;
    }

    private boolean printStatus(Stack stack) {
        String format = "%-18s %-8s %-8s %-6s %s%n";
        out.printf(Locale.ROOT, format, "COMPONENT", "STATE", "PID", "PORT", "HEALTHY");
        boolean allHealthy = true;
        for (Component component : stack.components()) {
            Optional<ProcessHandle> process = component.process();
            boolean healthy = component.healthy();
            allHealthy &= healthy;
            out.printf(
                    Locale.ROOT,
                    format,
                    component.name(),
                    process.isPresent() ? "running" : "stopped",
                    process.map(p -> Long.toString(p.pid())).orElse("-"),
                    component.port(),
                    healthy ? "yes" : "no");
        }
        for (Service service : Service.ALL) {
            Optional<ProcessHandle> process = ServiceProcess.running(layout, service.name(), service.jar(repository));
            if (process.isPresent() || Files.exists(service.jar(repository))) {
                out.printf(
                        Locale.ROOT,
                        format,
                        service.name(),
                        process.isPresent() ? "running" : "stopped",
                        process.map(p -> Long.toString(p.pid())).orElse("-"),
                        service.port(),
                        process.isPresent() && ServiceProcess.ready(service.port()) ? "yes" : "no");
            }
        }
        return allHealthy;
    }

    private int logs(List<String> options) {
        Path logs = layout.logs();
        List<String> available = listLogs(logs);
        if (options.isEmpty()) {
            for (String name : available) {
                out.println("==> " + name + " <==");
                out.println(ChildProcesses.tail(logs.resolve(name + ".log"), 20));
            }
            return 0;
        }
        String name = options.get(0);
        if (options.size() > 1 || !available.contains(name)) {
            throw new IllegalArgumentException("no log named '" + String.join(" ", options) + "'; logs: " + available);
        }
        out.println(ChildProcesses.tail(logs.resolve(name + ".log"), 100));
        return 0;
    }

    /** Which JDK the registry runs on; fails, naming what to install, when there is none (./vigil checks it first). */
    private int jdk(List<String> options) {
        requireOnly(options, List.of());
        RegistryDistribution registry = RegistryDistribution.packaged();
        Jdks.Jdk jdk = Jdks.find(
                registry.minimumJava(),
                registry.name(),
                env,
                Path.of(System.getProperty("java.home")),
                Jdks.SYSTEM_JVMS);
        out.println(registry.name() + " runs on Java " + jdk.feature() + " at " + jdk.home());
        return 0;
    }

    /** The stack with the ports it was started on ({@code stack.env}), unless the environment names others. */
    private Stack stack() {
        Map<String, String> settings = new HashMap<>(savedSettings());
        env.forEach((name, value) -> {
            if (name.startsWith("VIGIL_")) {
                settings.put(name, value);
            }
        });
        return new Stack(layout, StackPorts.from(settings), Lifetime.DAEMON);
    }

    private Map<String, String> savedSettings() {
        Map<String, String> saved = new HashMap<>();
        if (!Files.exists(layout.envFile())) {
            return saved;
        }
        try {
            for (String line : Files.readAllLines(layout.envFile(), StandardCharsets.UTF_8)) {
                if (line.startsWith("export ") && line.contains("=")) {
                    int eq = line.indexOf('=');
                    saved.put(line.substring(7, eq), line.substring(eq + 1).replace("'", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + layout.envFile(), e);
        }
        return saved;
    }

    /**
     * The key ingest-service tokenises card numbers with: random, made once per checkout and kept
     * (readable by its owner only), so a card's token, and with it its profile, survives restarts.
     */
    private String panTokenKey() {
        String given = env.get(PAN_TOKEN_KEY);
        if (given != null && !given.isBlank()) {
            return given;
        }
        Path file = layout.root().resolve("pan-token.key");
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, Base64.getEncoder().encodeToString(key), StandardCharsets.UTF_8);
            }
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }

    /** {@code token --bank B [--role app|analyst|sender] [--subject NAME] [--ttl PT8H]}: prints a demo bearer token for alerts-api (app, analyst) or ingest-service (sender). */
    private int token(List<String> options) {
        Map<String, String> values = new HashMap<>(Map.of("--role", "app", "--ttl", "PT8H"));
        for (int i = 0; i < options.size(); i += 2) {
            String name = options.get(i);
            if (!List.of("--bank", "--role", "--subject", "--ttl").contains(name) || i + 1 >= options.size()) {
                throw new IllegalArgumentException(
                        "usage: ./vigil token --bank BANK [--role app|analyst|sender] [--subject NAME] [--ttl PT8H]");
            }
            values.put(name, options.get(i + 1));
        }
        String bank = values.get("--bank");
        String role = values.get("--role");
        if (bank == null || !ROLES.contains(role)) {
            throw new IllegalArgumentException("a token needs --bank, and --role app, analyst or sender");
        }
        String subject = values.getOrDefault("--subject", role + "@" + bank);
        Duration ttl = Duration.parse(values.get("--ttl"));
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(DemoTokens.MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("--ttl must be positive and at most " + DemoTokens.MAX_LIFETIME
                    + ": the services refuse tokens that live longer");
        }
        out.println(demoTokens().mint(subject, bank, role, ttl));
        return 0;
    }

    /** The demo key pair of alerts-api tokens, made under the stack directory at first use. */
    private DemoTokens demoTokens() {
        return DemoTokens.in(layout.root().resolve("jwt"));
    }

    private static List<String> listLogs(Path logs) {
        try (Stream<Path> files = Files.list(logs)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".log"))
                    .map(n -> n.substring(0, n.length() - ".log".length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + logs, e);
        }
    }

    private static void requireOnly(List<String> options, List<String> allowed) {
        for (String option : options) {
            if (!allowed.contains(option)) {
                throw new IllegalArgumentException("unknown option '" + option + "'");
            }
        }
    }
}
