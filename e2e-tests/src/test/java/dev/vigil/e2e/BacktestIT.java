package dev.vigil.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.features.rules.RulesScorer;
import dev.vigil.stack.Directories;
import dev.vigil.stack.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The backtest as users run it ({@code load-generator/bench/backtest.sh}, what {@code ./vigil backtest}
 * runs after building), on a reduced Handbook world: import, archive, merchant risk, training, the
 * packaged scorer scoring the test window with the model it picked up live, offline scores, report.
 * A regression in any stage shows here: the live scores must equal the trainer's offline scores of
 * the same transactions, every test transaction must be scored by the published model, and the
 * ranking must be far better than chance.
 */
class BacktestIT {

    /**
     * Average precision of a random ranking is the fraud share; a model that learned nothing sits there.
     * Ten times it is far above chance on this world and far below what the full benchmark reaches.
     */
    private static final double TIMES_THE_FRAUD_SHARE = 10;

    /**
     * Under the module's build folder, not a JUnit temporary folder: the stack's PostgreSQL runs as the
     * {@code postgres} user, who cannot enter a folder only its owner may (JUnit makes them so).
     */
    private static final Path OUT = Path.of("target", "backtest-it").toAbsolutePath();

    @Test
    void aReducedHandbookWorldIsScoredLiveAsTheTrainerScoresItOfflineAndFarBetterThanChance() throws Exception {
        Path root = Path.of(System.getProperty("vigil.repo.root", ".."))
                .toAbsolutePath()
                .normalize();
        Directories.deleteRecursively(OUT);
        Files.createDirectories(OUT);
        Path log = OUT.resolve("backtest.log");
        List<String> command = List.of(
                "bash",
                root.resolve("load-generator/bench/backtest.sh").toString(),
                "--customers",
                "500",
                "--terminals",
                "1000",
                "--days",
                "47",
                "--start",
                "2018-04-01",
                "--seed",
                "7",
                // the Handbook's daily compromises scaled to this world, doubled: a fraud share of about 1.7 %
                "--compromised-terminals-per-day",
                "0.4",
                "--compromised-customers-per-day",
                "0.6",
                "--reference",
                "2018-05-06T00:00:00Z",
                "--test-days",
                "2",
                "--min-frauds",
                "10",
                "--name",
                "reduced world",
                "--out",
                OUT.resolve("run").toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        for (String port : List.of(
                "VIGIL_KAFKA_PORT",
                "VIGIL_KAFKA_CONTROLLER_PORT",
                "VIGIL_KAFKA_METRICS_PORT",
                "VIGIL_REGISTRY_PORT",
                "VIGIL_REGISTRY_MANAGEMENT_PORT",
                "VIGIL_PG_PORT",
                "VIGIL_PG_EXPORTER_PORT",
                "VIGIL_PROMETHEUS_PORT",
                "VIGIL_BACKTEST_SCORER_PORT")) {
            env.put(port, Integer.toString(Ports.free()));
        }
        env.put("VIGIL_TRAINER_HEAP", "1500m");
        // model selection at its smallest that still has a choice to make on two folds, with the learner that
        // trains in seconds (the trees' fits took three of this test's minutes): the CI world proves the
        // mechanics; the trees are trained in batch-trainer's tests, and the default grid's cost and gain are
        // measured on the full protocol (docs/detection.md)
        env.put("VIGIL_TRAINER_GRID", "lr:reg=0.001|0.1");
        env.put("VIGIL_TRAINER_FOLDS", "2");
        Process process = builder.start();
        // about 6 minutes on an idle 2-core machine; far more when other builds share it
        boolean finished = process.waitFor(30, TimeUnit.MINUTES);
        if (!finished) {
            // the script's own clean-up does not run when it is killed: stop what it started (the scorer is
            // its child; the stack's processes are detached and stop by the stack's command)
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            stopStack(root);
        }
        String printed = Files.readString(log);

        assertThat(finished).as("the backtest ends by itself:%n%s", printed).isTrue();
        assertThat(process.exitValue()).as(printed).isZero();
        JsonNode report = Http.JSON.readTree(OUT.resolve("run/report.json").toFile());
        JsonNode protocol = report.get("protocol");
        JsonNode equality = report.get("equality");
        assertThat(report.get("scored").asLong())
                .as("test transactions scored live")
                .isGreaterThan(1_000);
        assertThat(report.get("duplicates").asLong()).isZero();
        assertThat(report.get("modelVersions").size())
                .as("every test transaction scored by the published model: %s", report.get("modelVersions"))
                .isEqualTo(1);
        assertThat(report.get("modelVersions").fieldNames().next()).isNotEqualTo(RulesScorer.VERSION);
        assertThat(equality.get("compared").asLong())
                .isEqualTo(report.get("scored").asLong());
        assertThat(equality.get("different").asLong())
                .as("live scores that differ from the trainer's: %s", equality.get("differentTransactionIds"))
                .isZero();
        double fraudShare =
                protocol.get("frauds").asDouble() / protocol.get("transactions").asDouble();
        assertThat(protocol.get("frauds").asLong()).isPositive();
        assertThat(protocol.get("averagePrecision").asDouble())
                .as("average precision vs a fraud share of %.4f", fraudShare)
                .isGreaterThan(TIMES_THE_FRAUD_SHARE * fraudShare);
        assertThat(Files.readString(OUT.resolve("run/summary.txt")))
                .matches("reduced world, live scorer: AUC 0\\.\\d{3}, AP 0\\.\\d{3}, CP@100 0\\.\\d{3}\\s*");
    }

    private static void stopStack(Path root) throws Exception {
        ProcessBuilder down = new ProcessBuilder("./vigil", "stack", "down")
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        down.environment().put("VIGIL_STACK_DIR", OUT.resolve("run/stack").toString());
        down.start().waitFor(2, TimeUnit.MINUTES);
    }
}
