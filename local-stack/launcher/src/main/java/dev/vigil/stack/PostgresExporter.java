package dev.vigil.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Prometheus' PostgreSQL exporter from the operating system's package
 * ({@code apt-get install prometheus-postgres-exporter}), reading the stack's PostgreSQL and serving
 * {@code /metrics} on a 127.0.0.1 port of its own, with the extra queries of
 * dashboards/prometheus/postgres-queries.yml. It answers even while the database does not, with
 * {@code pg_up 0}: that is what the PostgreSQL-down alert reads.
 */
final class PostgresExporter implements Component {

    static final String BIN = "VIGIL_PG_EXPORTER_BIN";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final StackLayout layout;
    private final int port;
    private final int postgresPort;
    private final Lifetime lifetime;
    private final Map<String, String> env;

    PostgresExporter(StackLayout layout, int port, int postgresPort, Lifetime lifetime, Map<String, String> env) {
        this.layout = layout;
        this.port = port;
        this.postgresPort = postgresPort;
        this.lifetime = lifetime;
        this.env = env;
    }

    @Override
    public String name() {
        return "postgres-exporter";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public void start() {
        if (process().isPresent()) {
            return;
        }
        Path binary = Executables.find(
                env,
                BIN,
                "prometheus-postgres-exporter",
                "apt-get install --no-install-recommends prometheus-postgres-exporter");
        // the connection in the environment, which only this user can read: no password on a command line
        Map<String, String> connection = Map.of(
                "DATA_SOURCE_URI", "127.0.0.1:" + postgresPort + "/" + Postgres.DATABASE + "?sslmode=disable",
                "DATA_SOURCE_USER", Postgres.USER,
                "DATA_SOURCE_PASS", Postgres.PASSWORD);
        Path queries = Resources.copy("prometheus/postgres-queries.yml", layout.config("postgres-queries.yml"));
        Component.launch(
                layout,
                name(),
                lifetime,
                "the PostgreSQL exporter on port " + port,
                List.of(binary.toString(), "--extend.query-path=" + queries, listenAddress()),
                connection,
                START_TIMEOUT,
                () -> Ports.listening(port));
    }

    private String listenAddress() {
        return "--web.listen-address=127.0.0.1:" + port;
    }

    @Override
    public Optional<ProcessHandle> process() {
        // the queries' path is this stack's own
        return ChildProcesses.running(
                layout.pidFile(name()), layout.config("postgres-queries.yml").toString());
    }

    @Override
    public boolean healthy() {
        return process().isPresent() && Ports.listening(port);
    }

    @Override
    public void stop() {
        process().ifPresent(p -> ChildProcesses.stop(p, Duration.ofSeconds(10)));
    }
}
