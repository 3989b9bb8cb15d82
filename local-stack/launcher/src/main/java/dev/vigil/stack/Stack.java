package dev.vigil.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Vigil's dependencies on 127.0.0.1: Kafka, the schema registry, PostgreSQL and Prometheus, in one
 * directory; Prometheus scrapes the registry, Kafka (its JMX exporter agent) and PostgreSQL (its exporter).
 */
final class Stack {

    private final StackLayout layout;
    private final StackPorts ports;
    private final KafkaBroker kafka;
    private final SchemaRegistry registry;
    private final Postgres postgres;
    private final PostgresExporter postgresExporter;
    private final Prometheus prometheus;

    Stack(StackLayout layout, StackPorts ports, Lifetime lifetime) {
        this.layout = layout;
        this.ports = ports;
        this.kafka = new KafkaBroker(layout, ports.kafka(), ports.kafkaController(), ports.kafkaMetrics(), lifetime);
        this.postgres = new Postgres(layout, ports.postgres(), lifetime);
        this.postgresExporter =
                new PostgresExporter(layout, ports.postgresExporter(), ports.postgres(), lifetime, System.getenv());
        this.registry = new SchemaRegistry(
                layout,
                ports.registry(),
                ports.registryManagement(),
                postgres.registryStorage(),
                lifetime,
                System.getenv());
        this.prometheus = new Prometheus(
                layout,
                ports.prometheus(),
                List.of(
                        new Prometheus.Scrape(registry.name(), "/metrics", registry.managementPort()),
                        new Prometheus.Scrape(kafka.name(), "/metrics", kafka.metricsPort()),
                        new Prometheus.Scrape(postgres.name(), "/metrics", postgresExporter.port())),
                lifetime,
                System.getenv());
    }

    StackLayout layout() {
        return layout;
    }

    /** In start order; stopped in reverse. */
    List<Component> components() {
        return List.of(postgres, postgresExporter, kafka, registry, prometheus);
    }

    /**
     * Starts whatever is not running, all at once but for the registry, which keeps its schemas in
     * PostgreSQL, and PostgreSQL's exporter: both start once PostgreSQL answers; creates the topics and writes
     * {@code stack.env}. If one part fails, what this call started is stopped again.
     */
    void up() {
        List<Component> wasRunning =
                components().stream().filter(c -> c.process().isPresent()).toList();
        requirePortsFree(wasRunning);
        ExecutorService starters = Executors.newFixedThreadPool(components().size());
        try {
            CompletableFuture<Void> database = CompletableFuture.runAsync(postgres::start, starters);
            List<CompletableFuture<Void>> starts = List.of(
                    database,
                    database.thenRunAsync(registry::start, starters),
                    database.thenRunAsync(postgresExporter::start, starters),
                    CompletableFuture.runAsync(kafka::start, starters),
                    CompletableFuture.runAsync(prometheus::start, starters));
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
            TopicSetup.createMissingAndAlign(kafka.bootstrapServers());
        } catch (RuntimeException e) {
            components().stream().filter(c -> !wasRunning.contains(c)).forEach(this::stopQuietly);
            throw e instanceof CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
        } finally {
            starters.shutdown();
        }
        writeEnvFile();
    }

    /** In stop order: the reverse of the start order. */
    List<Component> stopOrder() {
        List<Component> reversed = new ArrayList<>(components());
        Collections.reverse(reversed);
        return reversed;
    }

    /** The broker, for tests that crash and restart it. */
    KafkaBroker kafka() {
        return kafka;
    }

    /** Stops everything, in {@link #stopOrder()}. */
    void down() {
        for (Component component : stopOrder()) {
            component.stop();
            Directories.deleteRecursively(layout.pidFile(component.name()));
        }
    }

    /** What a service needs to reach the stack: the variables its application.properties read. */
    Map<String, String> serviceEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("APICURIO_REGISTRY_URL", registry.url());
        env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", Postgres.USER);
        env.put("QUARKUS_DATASOURCE_PASSWORD", Postgres.PASSWORD);
        return env;
    }

    /** {@link #serviceEnvironment()} and where Prometheus answers and reads its scrape targets. */
    Map<String, String> endpoints() {
        Map<String, String> all = new LinkedHashMap<>(serviceEnvironment());
        all.put(LocalStack.PROMETHEUS_URL, prometheus.url());
        all.put(LocalStack.PROMETHEUS_TARGETS, prometheus.targetsDir().toString());
        return all;
    }

    /** Has Prometheus scrape the service {@code job} (one of {@link Service#ALL}) at {@code 127.0.0.1:port}. */
    void scrape(String job, int port) {
        Prometheus.writeTarget(prometheus.targetsDir(), job, port);
    }

    private void requirePortsFree(List<Component> running) {
        if (!running.contains(kafka)) {
            Ports.requireFree(ports.kafka(), "Kafka", StackPorts.KAFKA_PORT);
            Ports.requireFree(ports.kafkaController(), "the Kafka controller", StackPorts.KAFKA_CONTROLLER_PORT);
            Ports.requireFree(ports.kafkaMetrics(), "Kafka's metrics", StackPorts.KAFKA_METRICS_PORT);
        }
        if (!running.contains(registry)) {
            Ports.requireFree(ports.registry(), "the schema registry", StackPorts.REGISTRY_PORT);
            Ports.requireFree(
                    ports.registryManagement(),
                    "the schema registry's management interface",
                    StackPorts.REGISTRY_MANAGEMENT_PORT);
        }
        if (!running.contains(postgres)) {
            Ports.requireFree(ports.postgres(), "PostgreSQL", StackPorts.PG_PORT);
        }
        if (!running.contains(postgresExporter)) {
            Ports.requireFree(ports.postgresExporter(), "the PostgreSQL exporter", StackPorts.PG_EXPORTER_PORT);
        }
        if (!running.contains(prometheus)) {
            Ports.requireFree(ports.prometheus(), "Prometheus", StackPorts.PROMETHEUS_PORT);
        }
    }

    private void stopQuietly(Component component) {
        try {
            component.stop();
        } catch (RuntimeException e) {
            System.getLogger(Stack.class.getName())
                    .log(
                            System.Logger.Level.WARNING,
                            "could not stop " + component.name() + " after a failed start",
                            e);
        }
    }

    /** Endpoints and ports, as a file bash can source ({@code . .vigil/stack.env}) and {@code status} can read back. */
    private void writeEnvFile() {
        Map<String, String> all = new LinkedHashMap<>(endpoints());
        all.putAll(new TreeMap<>(ports.asEnvironment()));
        StringBuilder text =
                new StringBuilder("# written by the Vigil local stack; source it: . " + layout.envFile() + "\n");
        all.forEach((name, value) ->
                text.append("export ").append(name).append("='").append(value).append("'\n"));
        try {
            Files.writeString(layout.envFile(), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + layout.envFile(), e);
        }
    }
}
