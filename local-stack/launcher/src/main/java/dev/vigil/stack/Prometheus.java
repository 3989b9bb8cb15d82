package dev.vigil.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Prometheus from the operating system's package ({@code apt-get install prometheus}), scraping
 * every Vigil service and evaluating the alert rules of {@code dashboards/prometheus/alerts.yml}.
 *
 * <p>Services run on ports only known when they start (tests pick free ones), so each service job
 * reads its targets from a file in {@link #targetsDir()}, which {@link #writeTarget} fills in;
 * Prometheus notices the change by itself.
 */
final class Prometheus implements Component {

    static final String BIN = "VIGIL_PROMETHEUS_BIN";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    /** A job of the stack's own components, on a port known when the stack is made. */
    record Scrape(String job, String metricsPath, int port) {}

    private final StackLayout layout;
    private final int port;
    private final List<Scrape> components;
    private final Lifetime lifetime;
    private final Map<String, String> env;

    Prometheus(StackLayout layout, int port, List<Scrape> components, Lifetime lifetime, Map<String, String> env) {
        this.layout = layout;
        this.port = port;
        this.components = List.copyOf(components);
        this.lifetime = lifetime;
        this.env = env;
    }

    @Override
    public String name() {
        return "prometheus";
    }

    @Override
    public int port() {
        return port;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Where the scrape targets of each service job are kept, one {@code <job>.json} each. */
    Path targetsDir() {
        Path dir = layout.data(name()).resolve("targets");
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    @Override
    public void start() {
        if (process().isPresent()) {
            return;
        }
        Path config = writeConfig();
        List<String> command = List.of(
                binary().toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + tsdb(),
                "--storage.tsdb.retention.time=" + (lifetime == Lifetime.DAEMON ? "7d" : "1h"),
                "--web.listen-address=127.0.0.1:" + port,
                "--web.enable-lifecycle");
        Component.launch(
                layout,
                name(),
                lifetime,
                "Prometheus on port " + port,
                command,
                Map.of(),
                START_TIMEOUT,
                this::answers);
    }

    @Override
    public Optional<ProcessHandle> process() {
        return ChildProcesses.running(layout.pidFile(name()), tsdb().toString());
    }

    @Override
    public boolean healthy() {
        return process().isPresent() && answers();
    }

    @Override
    public void stop() {
        process().ifPresent(p -> ChildProcesses.stop(p, Duration.ofSeconds(10)));
    }

    /**
     * Points job {@code job} at {@code 127.0.0.1:port} (in Prometheus' file service-discovery
     * format), replacing what the job had: one instance per job, as the stack runs them.
     */
    static void writeTarget(Path targetsDir, String job, int port) {
        String json = "[{\"targets\": [\"127.0.0.1:" + port + "\"], \"labels\": {\"service\": \"" + job + "\"}}]\n";
        Path file = targetsDir.resolve(job + ".json");
        Path partial = targetsDir.resolve(job + ".json.tmp");
        try {
            // written aside and moved, so Prometheus never reads half a file
            Files.writeString(partial, json, StandardCharsets.UTF_8);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the scrape target " + file, e);
        }
    }

    private Path tsdb() {
        return layout.data(name()).resolve("tsdb");
    }

    /** prometheus.yml and the rules beside it, rewritten at every start. */
    private Path writeConfig() {
        Path rules = Resources.copy("prometheus/alerts.yml", layout.config("alerts.yml"));
        StringBuilder yaml = new StringBuilder()
                .append(
                        "# written by the Vigil local stack at every start; dashboards/prometheus/prometheus.yml is the\n")
                .append("# same configuration for docker-compose, with the services' container names as targets\n")
                .append("global:\n  scrape_interval: 5s\n  evaluation_interval: 5s\n")
                .append("rule_files:\n  - ")
                .append(rules)
                .append('\n')
                .append("scrape_configs:\n")
                .append("  - job_name: prometheus\n    static_configs:\n      - targets: ['127.0.0.1:")
                .append(port)
                .append("']\n");
        for (Scrape component : components) {
            yaml.append("  - job_name: ")
                    .append(component.job())
                    .append('\n')
                    .append("    metrics_path: ")
                    .append(component.metricsPath())
                    .append('\n')
                    .append("    static_configs:\n")
                    .append("      - targets: ['127.0.0.1:")
                    .append(component.port())
                    .append("']\n")
                    .append("        labels: {service: ")
                    .append(component.job())
                    .append("}\n");
        }
        for (Service service : Service.ALL) {
            yaml.append("  - job_name: ")
                    .append(service.name())
                    .append('\n')
                    .append("    metrics_path: /q/metrics\n")
                    .append("    file_sd_configs:\n")
                    .append("      - files: ['")
                    .append(targetsDir().resolve(service.name() + ".json"))
                    .append("']\n")
                    .append("        refresh_interval: 5s\n");
        }
        Path config = layout.config("prometheus.yml");
        try {
            Files.writeString(config, yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config, e);
        }
        return config;
    }

    private boolean answers() {
        return Readiness.answers200(url() + "/-/ready", Duration.ofSeconds(2));
    }

    /** {@code VIGIL_PROMETHEUS_BIN}, else {@code prometheus} on the PATH. */
    private Path binary() {
        return Executables.find(env, BIN, "prometheus", "apt-get install --no-install-recommends prometheus");
    }
}
