package dev.vigil.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link ServiceProcess} on a jar laid out as Quarkus packages one, running {@link FakeQuarkusService}. */
class ServiceProcessIT {

    private static Path dir;
    private static Path jar;

    @BeforeAll
    static void packageTheFakeService() throws IOException {
        dir = Files.createTempDirectory("vigil-service-it-");
        jar = dir.resolve("quarkus-app/quarkus-run.jar");
        Files.createDirectories(jar.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeQuarkusService.class.getName());
        Path testClasses = Path.of(FakeQuarkusService.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .getPath());
        manifest.getMainAttributes()
                .put(Attributes.Name.CLASS_PATH, testClasses.toUri().toString());
        try (OutputStream out = Files.newOutputStream(jar)) {
            // the manifest is the whole jar: the class comes from the test classes it points at
            new JarOutputStream(out, manifest).close();
        }
    }

    @AfterAll
    static void deleteIt() {
        Directories.deleteRecursively(dir);
    }

    @Test
    void startReturnsOnceReadyWithTheEnvironmentAndPortAndStopEndsTheProcess() throws Exception {
        int port = StackPorts.free().kafka();
        ServiceProcess service = ServiceProcess.start(
                "fake",
                jar,
                port,
                Map.of("READY_AFTER_MS", "1500", "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1"),
                dir.resolve("fake.log"));
        try {
            assertThat(get(service.baseUrl() + "/q/health/ready").statusCode()).isEqualTo(200);
            assertThat(get(service.baseUrl() + "/env/KAFKA_BOOTSTRAP_SERVERS").body())
                    .isEqualTo("127.0.0.1:1");
            assertThat(service.port()).isEqualTo(port);
        } finally {
            service.stop();
        }
        assertThat(service.isAlive()).isFalse();
        assertThat(ProcessHandle.of(service.pid())).isEmpty();
    }

    @Test
    void killEndsTheProcessAtOnce() {
        ServiceProcess service =
                ServiceProcess.start("fake", jar, StackPorts.free().kafka(), Map.of(), dir.resolve("killed.log"));

        service.kill();

        assertThat(ProcessHandle.of(service.pid())).isEmpty();
    }

    @Test
    void aSuspendedServiceAnswersNothingUntilResumedAndStopEndsItWithoutWaitingForTheGrace() {
        ServiceProcess service =
                ServiceProcess.start("frozen", jar, StackPorts.free().kafka(), Map.of(), dir.resolve("frozen.log"));
        try {
            service.suspend();
            assertThat(service.isSuspended()).isTrue();
            assertThat(ServiceProcess.ready(service.port()))
                    .as("answers while frozen")
                    .isFalse();

            service.resume();
            assertThat(ServiceProcess.ready(service.port()))
                    .as("answers once resumed")
                    .isTrue();

            service.suspend();
            long start = System.nanoTime();
            service.stop();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
            assertThat(service.isAlive()).isFalse();
        } finally {
            service.kill();
        }
    }

    @Test
    void startFailsWithTheServicesLastWordsWhenItExits() {
        assertThatThrownBy(() -> ServiceProcess.start(
                        "broken",
                        jar,
                        StackPorts.free().kafka(),
                        Map.of("FAIL_WITH", "SRCFG00014: property vigil.pan-token.key is required"),
                        dir.resolve("broken.log")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("broken exited before it was ready")
                .hasMessageContaining("SRCFG00014: property vigil.pan-token.key is required");
    }

    @Test
    void startFailsWhenTheServiceIsNotReadyInTime() {
        assertThatThrownBy(() -> ServiceProcess.start(
                        "slow",
                        jar,
                        StackPorts.free().kafka(),
                        Map.of("READY_AFTER_MS", "60000"),
                        dir.resolve("slow.log"),
                        Duration.ofSeconds(2)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("slow was not ready within 2 s");
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
