package dev.vigil.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Apicurio Registry, from its distribution on Maven Central, as a child JVM on a JDK new enough for
 * it ({@link Jdks}), keeping its schemas in the stack's PostgreSQL. Its REST API and its management
 * interface (health, metrics) each listen on a 127.0.0.1 port of their own. Once it is ready, the
 * stack sets the global COMPATIBILITY rule to BACKWARD.
 */
final class SchemaRegistry implements Component {

    /** A JVM option naming this stack's directory, so the stack recognises its own registry process. */
    private static final String MARKER = "-Dvigil.stack=";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    /** The body of Apicurio's rule calls. */
    private record Rule(String ruleType, String config) {}

    /** Where the registry keeps its data: a PostgreSQL database. */
    record Storage(String jdbcUrl, String user, String password) {}

    private final StackLayout layout;
    private final int port;
    private final int managementPort;
    private final Storage storage;
    private final Lifetime lifetime;
    private final Map<String, String> env;

    SchemaRegistry(
            StackLayout layout,
            int port,
            int managementPort,
            Storage storage,
            Lifetime lifetime,
            Map<String, String> env) {
        this.layout = layout;
        this.port = port;
        this.managementPort = managementPort;
        this.storage = storage;
        this.lifetime = lifetime;
        this.env = env;
    }

    @Override
    public String name() {
        return "registry";
    }

    @Override
    public int port() {
        return port;
    }

    /** The port of its health checks and of its metrics ({@code /metrics}). */
    int managementPort() {
        return managementPort;
    }

    String url() {
        return "http://127.0.0.1:" + port + "/apis/registry/v3";
    }

    @Override
    public void start() {
        if (process().isEmpty()) {
            RegistryDistribution distribution = RegistryDistribution.packaged();
            Jdks.Jdk jdk = Jdks.find(
                    distribution.minimumJava(),
                    distribution.name(),
                    env,
                    Path.of(System.getProperty("java.home")),
                    Jdks.SYSTEM_JVMS);
            Component.launch(
                    layout,
                    name(),
                    lifetime,
                    distribution.name() + " on port " + port,
                    command(jdk, distribution),
                    storageEnvironment(),
                    START_TIMEOUT,
                    this::ready);
        }
        ensureGlobalRule("COMPATIBILITY", "BACKWARD");
    }

    private List<String> command(Jdks.Jdk jdk, RegistryDistribution distribution) {
        List<String> command = new ArrayList<>(List.of(jdk.java().toString(), "-Xmx256m", "-XX:+UseSerialGC"));
        if (lifetime == Lifetime.TEST) {
            // a test registry serves a few schemas for minutes: starting fast matters more than peak speed
            command.add("-XX:TieredStopAtLevel=1");
        }
        command.addAll(List.of(
                MARKER + layout.root(),
                // both listeners default to every interface on fixed ports (8080, 9000)
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.host=127.0.0.1",
                "-Dquarkus.management.port=" + managementPort,
                // one log line per request would bury what matters in the log
                "-Dquarkus.http.access-log.enabled=false",
                "-jar",
                distribution.runJar().toString()));
        return command;
    }

    /**
     * Its storage, as environment variables (the names docker-compose sets too), so the password is
     * not on a command line. The registry's default of 20 idle connections would take a fifth of
     * PostgreSQL's 100 for a handful of schemas.
     */
    private Map<String, String> storageEnvironment() {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("APICURIO_STORAGE_KIND", "sql");
        variables.put("APICURIO_STORAGE_SQL_KIND", "postgresql");
        variables.put("APICURIO_DATASOURCE_URL", storage.jdbcUrl());
        variables.put("APICURIO_DATASOURCE_USERNAME", storage.user());
        variables.put("APICURIO_DATASOURCE_PASSWORD", storage.password());
        variables.put("APICURIO_DATASOURCE_JDBC_INITIAL_SIZE", "2");
        variables.put("APICURIO_DATASOURCE_JDBC_MIN_SIZE", "2");
        variables.put("APICURIO_DATASOURCE_JDBC_MAX_SIZE", "10");
        return variables;
    }

    @Override
    public Optional<ProcessHandle> process() {
        // the option is followed by the next argument: no other stack's directory matches as a prefix
        return ChildProcesses.running(layout.pidFile(name()), MARKER + layout.root() + " ");
    }

    @Override
    public boolean healthy() {
        return process().isPresent() && ready();
    }

    @Override
    public void stop() {
        process().ifPresent(p -> ChildProcesses.stop(p, Duration.ofSeconds(10)));
    }

    /** Its readiness check, which includes reaching its storage. */
    private boolean ready() {
        return Readiness.answers200("http://127.0.0.1:" + managementPort + "/health/ready", Duration.ofSeconds(5));
    }

    /** Creates the global rule, or updates it when it already exists (409). */
    private void ensureGlobalRule(String ruleType, String config) {
        try {
            String rule = JSON.writeValueAsString(new Rule(ruleType, config));
            HttpResponse<String> created = send("POST", "/admin/rules", rule);
            if (created.statusCode() == 409) {
                HttpResponse<String> updated = send("PUT", "/admin/rules/" + ruleType, rule);
                requireSuccess(updated, ruleType);
            } else {
                requireSuccess(created, ruleType);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot set the registry's global " + ruleType + " rule at " + url(), e);
        }
    }

    private void requireSuccess(HttpResponse<String> response, String ruleType) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("the registry refused the global " + ruleType + " rule: HTTP "
                    + response.statusCode() + " " + response.body());
        }
    }

    private HttpResponse<String> send(String method, String path, String jsonBody) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(jsonBody))
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
