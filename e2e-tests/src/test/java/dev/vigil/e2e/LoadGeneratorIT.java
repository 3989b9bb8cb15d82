package dev.vigil.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's load, shortened: the packaged load generator (its fat jar, as {@code ./vigil demo}
 * runs it) against the whole pipeline. It sends history, live traffic with fraud and chargebacks,
 * reads the alerts back from alerts-api and reports detection; the rules catch some of the fraud,
 * and no card number is printed, nor shows on a topic, in a service log or in the database.
 */
class LoadGeneratorIT {

    @TempDir
    static Path workDir;

    static Pipeline pipeline;

    @BeforeAll
    static void startServices() {
        pipeline = Pipeline.start(workDir);
    }

    @AfterAll
    static void stopServices() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void aShortRunReportsDetectionReadBackFromAlertsApiWithoutPrintingACardNumber() throws Exception {
        Path root = Path.of(System.getProperty("vigil.repo.root", ".."))
                .toAbsolutePath()
                .normalize();
        Path jar = root.resolve("load-generator/target/vigil-load-generator.jar");
        Path report = workDir.resolve("report.json");
        Path output = workDir.resolve("load-generator.out");
        Process process = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        jar.toString(),
                        "run",
                        "--ingest-url",
                        pipeline.ingestUrl(),
                        "--alerts-url",
                        pipeline.alertsUrl(),
                        // one bank, as the demo runs it: a token reads its own bank's alerts only
                        "--banks",
                        "1",
                        "--alerts-token",
                        pipeline.alertsToken("bank-a"),
                        "--ingest-token",
                        pipeline.senderToken("bank-a"),
                        "--rate",
                        "40",
                        "--duration",
                        "20s",
                        "--seed",
                        "42",
                        "--cards",
                        "200",
                        "--history",
                        "4",
                        "--label-delay",
                        "2s",
                        "--settle",
                        "20s",
                        "--report-json",
                        report.toString()))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();

        boolean finished = process.waitFor(3, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String printed = Files.readString(output);

        assertThat(finished).as("the run ends by itself").isTrue();
        assertThat(process.exitValue()).as(printed).isZero();
        JsonNode json = Http.JSON.readTree(report.toFile());
        assertThat(json.get("accepted").asLong()).isGreaterThan(700);
        assertThat(json.get("errors").size()).isZero();
        JsonNode detection = json.get("detection");
        assertThat(detection.isObject())
                .as(json.path("detectionSkipped").asText())
                .isTrue();
        assertThat(detection.get("frauds").asLong()).isPositive();
        assertThat(detection.get("alertedFrauds").asLong())
                .as("frauds the rules caught")
                .isPositive();
        assertThat(detection.get("precision").asDouble()).isPositive();
        assertThat(json.get("labelsSent").asLong())
                .isEqualTo(detection.get("frauds").asLong());
        assertThat(printed).contains("detection", "recall").doesNotContainPattern("\\b\\d{13,19}\\b");

        // The generator's card numbers are not known here: look for anything that is one.
        assertThat(TopicContents.everyRecord(pipeline.stack().kafkaBootstrapServers()))
                .flatMap(CardNumbersInLogs::issuedByTheDemoBanks)
                .as("card numbers on the topics")
                .isEmpty();
        assertThat(pipeline.logs())
                .flatMap(CardNumbersInLogs::issuedByTheDemoBanks)
                .as("card numbers in the service logs")
                .isEmpty();
        assertThat(Database.everyTextValue(pipeline.stack()))
                .flatMap(CardNumbersInLogs::issuedByTheDemoBanks)
                .as("card numbers in the database")
                .isEmpty();
    }
}
