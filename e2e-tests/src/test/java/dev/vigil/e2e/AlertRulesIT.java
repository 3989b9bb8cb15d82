package dev.vigil.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Prometheus' alert rules, checked by Prometheus' own tool: they parse, and each alert fires on
 * the series that should fire it and stays quiet on healthy ones ({@code alerts.test.yml}).
 */
class AlertRulesIT {

    static final Path RULES_DIR = ComposeConsistencyTest.RepoFiles.path("dashboards/prometheus");

    @Test
    void rulesAreValid() throws Exception {
        Result check = promtool("check", "rules", "alerts.yml");
        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS");
    }

    @Test
    void everyAlertFiresWhenItShouldAndOnlyThen() throws Exception {
        Result test = promtool("test", "rules", "alerts.test.yml");
        assertThat(test.exitCode()).as(test.output()).isZero();
        assertThat(test.output()).contains("SUCCESS");
    }

    @Test
    void everyAlertHasAUnitTest() throws IOException {
        String rules = Files.readString(RULES_DIR.resolve("alerts.yml"));
        String tests = Files.readString(RULES_DIR.resolve("alerts.test.yml"));
        List<String> alerts = rules.lines()
                .map(String::trim)
                .filter(l -> l.startsWith("- alert: "))
                .map(l -> l.substring("- alert: ".length()))
                .toList();
        assertThat(alerts).isNotEmpty().allSatisfy(alert -> assertThat(tests).contains("alertname: " + alert));
    }

    private record Result(int exitCode, String output) {}

    private static Result promtool(String... args) throws Exception {
        Path output = Files.createTempFile("promtool-", ".txt");
        try {
            List<String> command = new java.util.ArrayList<>(List.of(promtoolBinary()));
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command)
                    .directory(RULES_DIR.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            assertThat(process.waitFor(120, TimeUnit.SECONDS))
                    .as("promtool finished")
                    .isTrue();
            return new Result(process.exitValue(), Files.readString(output));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** promtool beside {@code VIGIL_PROMETHEUS_BIN}, else on the PATH (Debian's prometheus package ships both). */
    private static String promtoolBinary() {
        String prometheus = System.getenv("VIGIL_PROMETHEUS_BIN");
        return prometheus == null || prometheus.isBlank()
                ? "promtool"
                : Path.of(prometheus).resolveSibling("promtool").toString();
    }
}
