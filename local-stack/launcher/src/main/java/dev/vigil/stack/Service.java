package dev.vigil.stack;

import java.nio.file.Path;
import java.util.List;

/** A Vigil service the stack CLI can run from its packaged jar, on its documented port. */
record Service(String name, int port) {

    /** Ports from docs/architecture.md. */
    static final List<Service> ALL = List.of(
            new Service("realtime-scorer", 8083), new Service("alerts-api", 8082), new Service("ingest-service", 8080));

    Path jar(Path repository) {
        return repository.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
    }
}
