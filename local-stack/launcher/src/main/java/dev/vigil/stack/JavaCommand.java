package dev.vigil.stack;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Command lines for the Kafka broker's child JVMs. Its classpath (Kafka 4.4 with its own
 * kafka-clients) is resolved by Maven when this module is built and shipped inside it, so it does
 * not depend on the classpath of whoever starts the stack.
 */
final class JavaCommand {

    private JavaCommand() {}

    static List<String> java(List<String> jvmOptions, String classpath, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    /** The Kafka broker's runtime classpath. */
    static String brokerClasspath() {
        return checked(resource("broker.classpath"), "the Kafka broker");
    }

    /** The Prometheus JMX exporter agent jar the broker JVM loads ({@code -javaagent}). */
    static String jmxExporterAgent() {
        return checked(resource("jmx-exporter.path"), "the Prometheus JMX exporter agent");
    }

    private static String checked(String classpath, String what) {
        List<String> missing = Arrays.stream(classpath.split(File.pathSeparator))
                .filter(entry -> !entry.isBlank() && !Files.exists(Path.of(entry)))
                .toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException(
                    "the jars of " + what + " are not in the local Maven repository any more (" + missing.get(0)
                            + "); rebuild with ./mvnw -B -pl local-stack/kafka-broker,local-stack/launcher install");
        }
        return classpath;
    }

    private static String resource(String name) {
        try (InputStream in = JavaCommand.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the local-stack jar; build it with Maven");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
