package dev.vigil.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The 127.0.0.1 ports of a stack's components. */
record StackPorts(
        int kafka,
        int kafkaController,
        int kafkaMetrics,
        int registry,
        int registryManagement,
        int postgres,
        int postgresExporter,
        int prometheus) {

    static final String KAFKA_PORT = "VIGIL_KAFKA_PORT";
    static final String KAFKA_CONTROLLER_PORT = "VIGIL_KAFKA_CONTROLLER_PORT";
    static final String KAFKA_METRICS_PORT = "VIGIL_KAFKA_METRICS_PORT";
    static final String REGISTRY_PORT = "VIGIL_REGISTRY_PORT";
    static final String REGISTRY_MANAGEMENT_PORT = "VIGIL_REGISTRY_MANAGEMENT_PORT";
    static final String PG_PORT = "VIGIL_PG_PORT";
    static final String PG_EXPORTER_PORT = "VIGIL_PG_EXPORTER_PORT";
    static final String PROMETHEUS_PORT = "VIGIL_PROMETHEUS_PORT";

    /** The documented defaults (docs/architecture.md), each overridable by its environment variable. */
    static StackPorts from(Map<String, String> env) {
        int kafka = port(env, KAFKA_PORT, 9092);
        return new StackPorts(
                kafka,
                port(env, KAFKA_CONTROLLER_PORT, kafka + 1),
                port(env, KAFKA_METRICS_PORT, 9404),
                port(env, REGISTRY_PORT, 8081),
                port(env, REGISTRY_MANAGEMENT_PORT, 9081),
                port(env, PG_PORT, 15432),
                port(env, PG_EXPORTER_PORT, 9187),
                port(env, PROMETHEUS_PORT, 9090));
    }

    /** Ports nobody listens on right now, for a stack that must not collide with another (tests). */
    static StackPorts free() {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            // held open together so they are distinct
            int[] ports = new int[8];
            for (int i = 0; i < ports.length; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
                ports[i] = sockets.get(i).getLocalPort();
            }
            return new StackPorts(ports[0], ports[1], ports[2], ports[3], ports[4], ports[5], ports[6], ports[7]);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find free ports on 127.0.0.1", e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing a socket we only used to learn a port number cannot lose anything
                }
            }
        }
    }

    /** The variables that reproduce these ports, as written to {@code stack.env}. */
    Map<String, String> asEnvironment() {
        return Map.of(
                KAFKA_PORT,
                Integer.toString(kafka),
                KAFKA_CONTROLLER_PORT,
                Integer.toString(kafkaController),
                KAFKA_METRICS_PORT,
                Integer.toString(kafkaMetrics),
                REGISTRY_PORT,
                Integer.toString(registry),
                REGISTRY_MANAGEMENT_PORT,
                Integer.toString(registryManagement),
                PG_PORT,
                Integer.toString(postgres),
                PG_EXPORTER_PORT,
                Integer.toString(postgresExporter),
                PROMETHEUS_PORT,
                Integer.toString(prometheus));
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    name + " must be a port number between 1 and 65535, not '" + value + "'");
        }
    }
}
