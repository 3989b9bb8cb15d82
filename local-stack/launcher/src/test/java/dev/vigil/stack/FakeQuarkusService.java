package dev.vigil.stack;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A stand-in for a packaged Quarkus service in {@link ServiceProcessIT}: serves
 * {@code /q/health/ready} on {@code QUARKUS_HTTP_PORT}, answering 503 for {@code READY_AFTER_MS}
 * and 200 after, and {@code /env/<name>} with its environment. {@code FAIL_WITH} makes it print
 * that message and exit 1, as a service with bad configuration does.
 */
public final class FakeQuarkusService {

    public static void main(String[] args) throws IOException {
        String failure = System.getenv("FAIL_WITH");
        if (failure != null) {
            System.out.println(failure);
            System.exit(1);
        }
        long readyAt =
                System.currentTimeMillis() + Long.parseLong(System.getenv().getOrDefault("READY_AFTER_MS", "0"));
        int port = Integer.parseInt(System.getenv("QUARKUS_HTTP_PORT"));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        server.createContext("/q/health/ready", exchange -> {
            int status = System.currentTimeMillis() >= readyAt ? 200 : 503;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.createContext("/env/", exchange -> {
            String name = exchange.getRequestURI().getPath().substring("/env/".length());
            byte[] body = String.valueOf(System.getenv(name)).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        System.out.println("fake service listening on " + port);
    }
}
