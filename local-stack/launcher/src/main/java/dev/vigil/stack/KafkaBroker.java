package dev.vigil.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

/**
 * A single-node Kafka broker in KRaft mode (broker and controller in one JVM), run from the Maven
 * Central artifacts as a child JVM with a classpath of its own. The Prometheus JMX exporter agent
 * in the same JVM serves its metrics on a port of their own (rules: dashboards/prometheus/kafka-jmx.yml).
 */
final class KafkaBroker implements Component {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final StackLayout layout;
    private final int port;
    private final int controllerPort;
    private final int metricsPort;
    private final Lifetime lifetime;

    KafkaBroker(StackLayout layout, int port, int controllerPort, int metricsPort, Lifetime lifetime) {
        this.layout = layout;
        this.port = port;
        this.controllerPort = controllerPort;
        this.metricsPort = metricsPort;
        this.lifetime = lifetime;
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public int port() {
        return port;
    }

    /** Where the JMX exporter agent serves {@code /metrics}. */
    int metricsPort() {
        return metricsPort;
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void start() {
        if (process().isPresent()) {
            return;
        }
        Path config = writeConfig();
        Path log4j = Resources.copy("kafka-log4j2.properties", layout.config("kafka-log4j2.properties"));
        Path log = layout.log(name());
        List<String> jvm = new ArrayList<>(List.of(
                "-Xmx512m",
                "-XX:+UseSerialGC",
                "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + log4j.toUri()));
        if (lifetime == Lifetime.TEST) {
            // tests push little data through a broker that lives seconds: startup time matters more than peak speed
            jvm.add("-XX:TieredStopAtLevel=1");
        }
        if (!Files.exists(dataDir().resolve("meta.properties"))) {
            ChildProcesses.run(
                    JavaCommand.java(
                            jvm,
                            JavaCommand.brokerClasspath(),
                            "kafka.tools.StorageTool",
                            List.of(
                                    "format",
                                    "--cluster-id",
                                    Uuid.randomUuid().toString(),
                                    "--config",
                                    config.toString(),
                                    "--ignore-formatted")),
                    log,
                    Duration.ofSeconds(60),
                    dataDir());
        }
        Path metricsRules = Resources.copy("prometheus/kafka-jmx.yml", layout.config("kafka-jmx.yml"));
        // the server only, not the format tool above: the agent would bind the metrics port there too
        List<String> server = new ArrayList<>(jvm);
        server.add("-javaagent:" + JavaCommand.jmxExporterAgent() + "=127.0.0.1:" + metricsPort + ":" + metricsRules);
        Component.launch(
                layout,
                name(),
                lifetime,
                "the Kafka broker on port " + port,
                JavaCommand.java(server, JavaCommand.brokerClasspath(), "kafka.Kafka", List.of(config.toString())),
                Map.of(),
                START_TIMEOUT,
                this::answers);
    }

    @Override
    public Optional<ProcessHandle> process() {
        return ChildProcesses.running(
                layout.pidFile(name()), layout.config("kafka.properties").toString());
    }

    @Override
    public boolean healthy() {
        return process().isPresent() && answers();
    }

    @Override
    public void stop() {
        // a controlled shutdown takes a few seconds; a test broker's data is deleted anyway
        process()
                .ifPresent(p ->
                        ChildProcesses.stop(p, lifetime == Lifetime.DAEMON ? Duration.ofSeconds(30) : Duration.ZERO));
    }

    /**
     * SIGKILL, as a power cut or an OOM kill would end it: no controlled shutdown, no flush, the
     * partitions' clean-shutdown marker not written, so the next {@link #start()} recovers the logs
     * in the same data directory. Returns once the process is gone.
     */
    void kill() {
        process().ifPresent(p -> ChildProcesses.stop(p, Duration.ZERO));
    }

    /** The agent listens before Kafka's main runs, so a broker that answers has its metrics up too. */
    private boolean answers() {
        if (!Ports.listening(port) || !Ports.listening(metricsPort)) {
            return false;
        }
        // a broker that listens answers within milliseconds on an idle machine, but a fresh admin client on a
        // 2-core machine at a load average of 30 needed more than 2 s (StackCliIT's status right after up)
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                5000,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG,
                200))) {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(5000))
                    .nodes()
                    .get(6, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    private Path dataDir() {
        return layout.data(name());
    }

    /** Rewritten at every start, so a changed port takes effect; the static quorum keeps the data valid across such changes. */
    private Path writeConfig() {
        String properties = String.join(
                "\n",
                "# generated by the Vigil local stack at every start; edits are overwritten",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dataDir(),
                "num.partitions=1",
                // one node: every internal topic has one replica, and a handful of partitions is plenty
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=3",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=3",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "share.coordinator.state.topic.num.partitions=1",
                "group.initial.rebalance.delay.ms=0",
                "");
        Path config = layout.config("kafka.properties");
        try {
            Files.writeString(config, properties, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config, e);
        }
        return config;
    }
}
