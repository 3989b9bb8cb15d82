package dev.vigil.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/** Programs the stack runs from the operating system's packages (Prometheus, the PostgreSQL exporter). */
final class Executables {

    private Executables() {}

    /**
     * The file {@code variable} names if set, else {@code name} on the PATH (or in /usr/bin, where
     * Debian puts it); fails saying {@code install} when there is none.
     */
    static Path find(Map<String, String> env, String variable, String name, String install) {
        String configured = env.get(variable);
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            if (!Files.isExecutable(path)) {
                throw new IllegalStateException(variable + "=" + configured + " is not an executable file");
            }
            return path;
        }
        String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        return Stream.concat(Stream.of(path.split(":")), Stream.of("/usr/bin"))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(name + " is not installed: run '" + install
                        + "' (./vigil does it as root) or set " + variable + " to its binary"));
    }
}
