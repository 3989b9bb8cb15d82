package dev.vigil.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The schema registry: the Apicurio Registry stand-in ({@code dev.vigil.stack.registry}) run as a
 * child JVM. Once it answers, the stack sets the global COMPATIBILITY rule to BACKWARD through the
 * registry's REST API, the same call that configures the real Apicurio Registry.
 */
final class SchemaRegistry implements Component {

    private static final String MAIN = "dev.vigil.stack.registry.ApicurioRegistryStandIn";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    /** The body of Apicurio's rule calls. */
    private record Rule(String ruleType, String config) {
    }

    private final StackLayout layout;
    private final int port;
    private final Lifetime lifetime;

    SchemaRegistry(StackLayout layout, int port, Lifetime lifetime) {
        this.layout = layout;
        this.port = port;
        this.lifetime = lifetime;
    }

    @Override
    public String name() {
        return "registry";
    }

    @Override
    public int port() {
        return port;
    }

    String url() {
        return "http://127.0.0.1:" + port + "/apis/registry/v3";
    }

    @Override
    public void start() {
        if (process().isEmpty()) {
            List<String> jvm = new ArrayList<>(List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
            ProcessHandle process = ChildProcesses.launch(JavaCommand.java(jvm, JavaCommand.launcherClasspath(), MAIN,
                    List.of("--port", Integer.toString(port), "--data-dir", dataDir())), Map.of(),
                    layout.log(name()), layout.pidFile(name()), lifetime == Lifetime.DAEMON);
            Readiness.await("the schema registry on port " + port, process, layout.log(name()), START_TIMEOUT,
                    this::answers);
        }
        ensureGlobalRule("COMPATIBILITY", "BACKWARD");
    }

    @Override
    public Optional<ProcessHandle> process() {
        return ChildProcesses.running(layout.pidFile(name()), dataDir());
    }

    @Override
    public boolean healthy() {
        return process().isPresent() && answers();
    }

    @Override
    public void stop() {
        process().ifPresent(p -> ChildProcesses.stop(p, Duration.ofSeconds(10)));
    }

    private String dataDir() {
        return layout.data(name()).toString();
    }

    private boolean answers() {
        try {
            return send("GET", "/system/info", null).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
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
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(5));
        if (jsonBody == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
