package dev.vigil.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Vigil's real dependencies for integration tests: a Kafka broker (KRaft), Apicurio Registry,
 * PostgreSQL and Prometheus, on free 127.0.0.1 ports, in a temporary directory, with every topic of
 * the catalogue created. The same processes {@code ./vigil stack up} runs for users.
 *
 * <p>{@link #forTests()} starts one stack per JVM, on first use, and a JVM shutdown hook stops it
 * and deletes its directory; test classes share it and should not close it.
 */
public final class LocalStack implements AutoCloseable {

    /**
     * Where the running stack's endpoints are published. Test frameworks (Quarkus) load this class
     * more than once, in different class loaders, each with its own statics; a system property is
     * what they all see, so every copy uses the one stack.
     */
    private static final String PUBLISHED = "vigil.local-stack.environment";
    /** Endpoint names beside the services' environment: for tests and stack.env, never passed to services. */
    static final String PROMETHEUS_URL = "VIGIL_PROMETHEUS_URL";

    static final String PROMETHEUS_TARGETS = "VIGIL_PROMETHEUS_TARGETS";
    /**
     * The lock every class loader's copy of this class shares: a string literal is interned, so it
     * is one object in the whole JVM. (Not {@code System.getProperties()}: logging frameworks take
     * that monitor while they start, and Kafka clients start logging inside {@link #forTests()}.)
     */
    private static final String LOCK = "dev.vigil.stack.LocalStack.lock";

    private static LocalStack shared;

    private final Stack stack;
    private final Map<String, String> environment;
    private Thread shutdownHook;

    private LocalStack(Stack stack, Map<String, String> environment) {
        this.stack = stack;
        this.environment = Map.copyOf(environment);
    }

    /**
     * Set by the build for unit tests (surefire's configuration in the root pom): they need no
     * process and no socket, so a {@code *Test} that reaches for the stack fails at once.
     */
    static final String UNIT_TESTS = "vigil.unit-tests";

    /** The JVM-wide test stack, started by the first call (about 15 s) and reused after. */
    public static LocalStack forTests() {
        if (Boolean.getBoolean(UNIT_TESTS)) {
            throw new IllegalStateException(
                    "a *Test must not start the stack; name it *IT (failsafe runs it in verify)");
        }
        synchronized (LOCK) {
            if (shared != null) {
                return shared;
            }
            String published = System.getProperty(PUBLISHED);
            shared = published != null ? new LocalStack(null, decode(published)) : startForTests();
            return shared;
        }
    }

    private static LocalStack startForTests() {
        Path root;
        try {
            root = Files.createTempDirectory("vigil-stack-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the test stack", e);
        }
        Stack stack = new Stack(new StackLayout(root), StackPorts.free(), Lifetime.TEST);
        try {
            stack.up();
        } catch (RuntimeException e) {
            Directories.deleteRecursively(root);
            throw e;
        }
        LocalStack started = new LocalStack(stack, stack.endpoints());
        started.shutdownHook = new Thread(started::stopAndDelete, "vigil-local-stack-shutdown");
        Runtime.getRuntime().addShutdownHook(started.shutdownHook);
        System.setProperty(PUBLISHED, encode(started.environment));
        return started;
    }

    /** {@code 127.0.0.1:<port>} */
    public String kafkaBootstrapServers() {
        return environment.get("KAFKA_BOOTSTRAP_SERVERS");
    }

    /** {@code http://127.0.0.1:<port>/apis/registry/v3} */
    public String registryUrl() {
        return environment.get("APICURIO_REGISTRY_URL");
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/vigil} */
    public String jdbcUrl() {
        return environment.get("QUARKUS_DATASOURCE_JDBC_URL");
    }

    public String dbUser() {
        return environment.get("QUARKUS_DATASOURCE_USERNAME");
    }

    public String dbPassword() {
        return environment.get("QUARKUS_DATASOURCE_PASSWORD");
    }

    /**
     * Environment variables pointing a service process at this stack: {@code KAFKA_BOOTSTRAP_SERVERS},
     * {@code APICURIO_REGISTRY_URL}, {@code QUARKUS_DATASOURCE_JDBC_URL}, {@code QUARKUS_DATASOURCE_USERNAME},
     * {@code QUARKUS_DATASOURCE_PASSWORD}.
     */
    public Map<String, String> serviceEnvironment() {
        Map<String, String> services = new LinkedHashMap<>(environment);
        services.keySet().removeAll(java.util.Set.of(PROMETHEUS_URL, PROMETHEUS_TARGETS));
        return Map.copyOf(services);
    }

    /** {@code http://127.0.0.1:<port>}: Prometheus, scraping the services {@link #scrape} names. */
    public String prometheusUrl() {
        return environment.get(PROMETHEUS_URL);
    }

    /**
     * Has Prometheus scrape {@code service} (ingest-service, realtime-scorer or alerts-api: the
     * jobs of its configuration) on {@code 127.0.0.1:port}, replacing an earlier port of it.
     */
    public void scrape(String service, int port) {
        Prometheus.writeTarget(Path.of(environment.get(PROMETHEUS_TARGETS)), service, port);
    }

    /**
     * Kills the Kafka broker with SIGKILL, as a crash would end it, and returns once it is gone.
     * Clients see the port refuse connections until {@link #restartKafka()}.
     */
    public void crashKafka() {
        owner("crashKafka").kafka().kill();
    }

    /**
     * Starts the broker again on the same ports and data directory (it recovers its logs after a
     * crash) and returns once it answers; does nothing if it is running.
     */
    public void restartKafka() {
        owner("restartKafka").kafka().start();
    }

    /** The stack's processes, which only the copy of this class that started them controls. */
    private Stack owner(String operation) {
        if (stack == null) {
            throw new IllegalStateException(operation + " needs the LocalStack that started the stack, not a copy in"
                    + " another class loader");
        }
        return stack;
    }

    /**
     * Stops the stack and deletes its directory now rather than at JVM exit; the next
     * {@link #forTests()} starts a new one. A copy of this class in another class loader only
     * uses the stack its first copy started, and closing it does nothing.
     */
    @Override
    public void close() {
        synchronized (LOCK) {
            if (stack == null) {
                return;
            }
            if (shutdownHook != null) {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
                shutdownHook = null;
            }
            stopAndDelete();
            System.clearProperty(PUBLISHED);
            if (shared == this) {
                shared = null;
            }
        }
    }

    private void stopAndDelete() {
        try {
            stack.down();
        } finally {
            Directories.deleteRecursively(stack.layout().root());
        }
    }

    /** Lines of {@code NAME=value}: the values are URLs and names, which hold no line breaks. */
    private static String encode(Map<String, String> environment) {
        StringBuilder text = new StringBuilder();
        environment.forEach(
                (name, value) -> text.append(name).append('=').append(value).append('\n'));
        return text.toString();
    }

    private static Map<String, String> decode(String text) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                environment.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return environment;
    }
}
