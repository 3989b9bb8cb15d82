package dev.vigil.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Apicurio Registry's runnable distribution ({@code io.apicurio:apicurio-registry-app:<version>:tar.gz:all}),
 * as the launcher's build resolved and unpacked it, and the Java feature version it needs.
 */
record RegistryDistribution(String version, Path home, int minimumJava) {

    private static final String RESOURCE = "apicurio-registry.properties";

    /** What the build of this jar unpacked (see the launcher's pom). */
    static RegistryDistribution packaged() {
        Properties properties = new Properties();
        try (InputStream in = RegistryDistribution.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the local-stack jar; build it with Maven");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RegistryDistribution(
                properties.getProperty("version"),
                Path.of(properties.getProperty("home")),
                Integer.parseInt(properties.getProperty("java.minimum").trim()));
    }

    String name() {
        return "Apicurio Registry " + version;
    }

    /** The Quarkus launcher jar; fails, saying how to get it back, when the unpacked distribution is gone. */
    Path runJar() {
        Path jar = home.resolve("quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name() + " is not unpacked at " + home + " any more; rebuild with"
                    + " ./mvnw -B -pl local-stack/kafka-broker,local-stack/launcher install -DskipTests");
        }
        return jar;
    }
}
