package dev.vigil.stack.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in for Apicurio Registry 3 on machines without Docker (the real server cannot be
 * installed there): the part of the v3 REST API that the Apicurio serdes and SDK use, with schemas
 * kept durably in {@code <data-dir>/registry.jsonl} and compatibility rules enforced by Avro's own
 * {@code SchemaCompatibility}. Serves {@code http://127.0.0.1:<port>/apis/registry/v3}.
 *
 * <p>Run by the local stack as a child process: {@code ApicurioRegistryStandIn --port 8081 --data-dir DIR}.
 */
public final class ApicurioRegistryStandIn {

    private ApicurioRegistryStandIn() {
    }

    public static void main(String[] args) throws IOException {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            // one line per request in the log file instead of JUL's two-line default
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tL %4$s %5$s%6$s%n");
        }
        int port = -1;
        Path dataDir = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--data-dir" -> dataDir = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (port < 0 || dataDir == null || args.length % 2 != 0) {
            throw new IllegalArgumentException("usage: ApicurioRegistryStandIn --port PORT --data-dir DIR");
        }

        ObjectMapper json = new ObjectMapper()
                .setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        Journal journal = new Journal(dataDir.resolve("registry.jsonl"), json);
        RegistryStore store = new RegistryStore(journal);

        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        server.setExecutor(threads);
        server.createContext(RegistryApi.BASE, new RegistryApi(store, json));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(0);
            threads.shutdown();
            journal.close();
        }, "registry-shutdown"));
        System.getLogger(ApicurioRegistryStandIn.class.getName()).log(System.Logger.Level.INFO,
                "Apicurio Registry stand-in listening on http://127.0.0.1:{0}{1}, data in {2}", Integer.toString(port), RegistryApi.BASE,
                dataDir);
    }
}
