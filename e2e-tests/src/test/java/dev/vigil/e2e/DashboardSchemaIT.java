package dev.vigil.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No Grafana server runs on machines without Docker, so the dashboards are checked twice without
 * one: typed against Grafana's own dashboard schema ({@code @grafana/schema}, the version of the
 * compose image) with the TypeScript compiler, and for what types cannot see: provisioned
 * datasources only, no instance ids, a query in every target, unique panel ids.
 * {@code DashboardQueriesIT} then runs every query against live data.
 */
class DashboardSchemaIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Path WORK = Path.of("target", "grafana-schema").toAbsolutePath();

    @BeforeAll
    static void installSchema() throws Exception {
        Files.createDirectories(WORK);
        try (InputStream packageJson = DashboardSchemaIT.class.getResourceAsStream("/grafana-schema/package.json")) {
            Files.copy(packageJson, WORK.resolve("package.json"), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(WORK.resolve("node_modules/@grafana/schema"))) {
            Result npm = run(List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error"), 300);
            assertThat(npm.exitCode())
                    .as("npm install @grafana/schema: %s", npm.output())
                    .isZero();
        }
    }

    static Stream<Path> dashboards() throws IOException {
        try (Stream<Path> files = Files.list(ComposeConsistencyTest.RepoFiles.path("dashboards/grafana/dashboards"))) {
            List<Path> json =
                    files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
            assertThat(json).as("dashboards").hasSize(4);
            return json.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void typeChecksAgainstGrafanasDashboardSchema(Path dashboard) throws Exception {
        Result tsc = typeCheck(Files.readString(dashboard));
        assertThat(tsc.exitCode())
                .as("tsc on %s:%n%s", dashboard.getFileName(), tsc.output())
                .isZero();
    }

    @Test
    void theTypeCheckRefusesADashboardWithAWronglyTypedField() throws Exception {
        Result tsc = typeCheck("{\"title\": 5, \"schemaVersion\": 41}");
        assertThat(tsc.exitCode()).isNotZero();
        assertThat(tsc.output()).contains("not assignable to type 'string'");
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void usesOnlyProvisionedDatasourcesAndNoInstanceIds(Path dashboard) throws IOException {
        JsonNode root = JSON.readTree(dashboard.toFile());
        Set<String> provisioned = provisionedDatasourceUids();

        assertThat(root.path("id").isMissingNode() || root.path("id").isNull())
                .as("dashboard id")
                .isTrue();
        assertThat(root.path("uid").asText()).matches("vigil-[a-z-]+");
        List<JsonNode> targets = new ArrayList<>();
        Set<Integer> panelIds = new HashSet<>();
        for (JsonNode panel : root.path("panels")) {
            assertThat(panelIds.add(panel.path("id").asInt()))
                    .as("panel id %s unique", panel.path("id"))
                    .isTrue();
            assertThat(panel.path("gridPos").path("x").asInt()
                            + panel.path("gridPos").path("w").asInt())
                    .as("%s fits the 24-column grid", panel.path("title").asText())
                    .isLessThanOrEqualTo(24);
            assertThat(panel.path("targets").size())
                    .as("%s has a query", panel.path("title").asText())
                    .isPositive();
            panel.path("targets").forEach(targets::add);
            assertThat(provisioned)
                    .contains(panel.path("datasource").path("uid").asText());
        }
        for (JsonNode target : targets) {
            String uid = target.path("datasource").path("uid").asText();
            assertThat(provisioned).as("datasource of target %s", target).contains(uid);
            String query = uid.equals("vigil-prometheus")
                    ? target.path("expr").asText()
                    : target.path("rawSql").asText();
            assertThat(query).as("query of target %s", target).isNotBlank();
        }
    }

    @Test
    void dashboardUidsAreUnique() throws IOException {
        List<String> uids = new ArrayList<>();
        for (Path dashboard : dashboards().toList()) {
            uids.add(JSON.readTree(dashboard.toFile()).path("uid").asText());
        }
        assertThat(uids).doesNotHaveDuplicates();
    }

    static Set<String> provisionedDatasourceUids() throws IOException {
        JsonNode provisioning = new ObjectMapper(new YAMLFactory())
                .readTree(ComposeConsistencyTest.RepoFiles.path("dashboards/grafana/provisioning/datasources/vigil.yml")
                        .toFile());
        Set<String> uids = new HashSet<>();
        provisioning.path("datasources").forEach(ds -> uids.add(ds.path("uid").asText()));
        return uids;
    }

    /** tsc --strict over {@code const dashboard: Dashboard = <json>}. */
    private static Result typeCheck(String dashboardJson) throws Exception {
        Path source = Files.createTempFile(WORK, "dashboard-", ".ts");
        try {
            Files.writeString(
                    source,
                    "import { Dashboard } from '@grafana/schema';\n" + "export const dashboard: Dashboard = "
                            + dashboardJson + ";\n",
                    StandardCharsets.UTF_8);
            return run(
                    List.of(
                            "node",
                            WORK.resolve("node_modules/typescript/bin/tsc").toString(),
                            "--noEmit",
                            "--strict",
                            "--skipLibCheck",
                            "--target",
                            "es2022",
                            "--module",
                            "esnext",
                            "--moduleResolution",
                            "bundler",
                            source.toString()),
                    120);
        } finally {
            Files.deleteIfExists(source);
        }
    }

    private record Result(int exitCode, String output) {}

    private static Result run(List<String> command, int timeoutSeconds) throws Exception {
        Path output = Files.createTempFile(WORK, "out-", ".txt");
        try {
            Process process = new ProcessBuilder(command)
                    .directory(WORK.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
            }
            return new Result(process.exitValue(), Files.readString(output));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot run " + command.get(0) + " (Node.js and npm are needed to check dashboards)", e);
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
