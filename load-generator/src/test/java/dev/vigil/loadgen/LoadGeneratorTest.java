package dev.vigil.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

class LoadGeneratorTest {

    @Test
    void everyOptionOfEveryCommandIsExplainedInTheHelp() {
        CommandLine commandLine = LoadGenerator.commandLine();

        for (String command : new String[] {"run", "replay"}) {
            CommandLine sub = commandLine.getSubcommands().get(command);
            assertThat(sub.getCommandSpec().options())
                    .allSatisfy((OptionSpec option) -> assertThat(String.join(" ", option.description()))
                            .as(command + " " + option.longestName())
                            .isNotBlank());
            assertThat(sub.getUsageMessage())
                    .contains(
                            "--ingest-url",
                            "--alerts-token",
                            "--label-delay",
                            "VIGIL_ALERTS_TOKEN",
                            "--target",
                            "--bootstrap-servers",
                            "KAFKA_BOOTSTRAP_SERVERS",
                            "--registry-url",
                            "APICURIO_REGISTRY_URL",
                            "--pan-token-key",
                            "VIGIL_PAN_TOKEN_KEY");
        }
    }

    @Test
    void importExplainsEveryOptionAndSaysItIsTheBulkPathBesideIngestsWindow() {
        CommandLine sub = LoadGenerator.commandLine().getSubcommands().get("import");

        assertThat(sub.getCommandSpec().options())
                .allSatisfy((OptionSpec option) -> assertThat(String.join(" ", option.description()))
                        .as("import " + option.longestName())
                        .isNotBlank());
        assertThat(sub.getUsageMessage().replaceAll("\\s+", " "))
                .contains(
                        "--csv",
                        "--id-column",
                        "--timestamp-column",
                        "--card-column",
                        "--merchant-column",
                        "--amount-column",
                        "--label-column",
                        "--label-time-column",
                        "--label-delay",
                        "--genuine-label-share",
                        "--from",
                        "--until",
                        "--on-bad-row",
                        "--bank",
                        "--currency",
                        "--mcc",
                        "--country",
                        "--card-present",
                        "--id-prefix",
                        "--bootstrap-servers",
                        "--registry-url",
                        "--pan-token-key",
                        "VIGIL_PAN_TOKEN_KEY",
                        "live ingest keeps its 7-day window",
                        "imported: <N> transactions, <M> labels, <K> skipped, <R> rounded in <S> s (<X> rows/s)");
    }

    @Test
    void importRefusesContradictoryOrMalformedOptionsWithExitStatus2() {
        String key = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
        String[][] cases = {
            {"--label-time-column", "known", "--label-delay", "7d", "--label-column", "fraud"},
            {"--label-time-column", "known"},
            {"--from", "yesterday"},
            {"--from", "2026-02-01T00:00:00Z", "--until", "2026-01-01T00:00:00Z"},
            {"--currency", "KWD"},
            {"--on-bad-row", "ignore"},
        };
        String[] reasons = {
            "not both",
            "needs --label-column",
            "--from must be an ISO instant",
            "--from must be before --until",
            "--currency must be an ISO 4217 code with 0 to 2 decimals",
            "--on-bad-row"
        };
        for (int i = 0; i < cases.length; i++) {
            StringWriter err = new StringWriter();
            CommandLine commandLine = LoadGenerator.commandLine();
            commandLine.setErr(new PrintWriter(err));
            String[] args = java.util.stream.Stream.concat(
                            java.util.stream.Stream.of(
                                    "import",
                                    "--csv",
                                    "pom.xml",
                                    "--pan-token-key",
                                    key,
                                    "--bootstrap-servers",
                                    "127.0.0.1:1"),
                            java.util.Arrays.stream(cases[i]))
                    .toArray(String[]::new);

            int exit = commandLine.execute(args);

            assertThat(exit).as(String.join(" ", cases[i])).isEqualTo(2);
            assertThat(err.toString()).as(String.join(" ", cases[i])).contains(reasons[i]);
        }
    }

    @Test
    void importNeedsTheCardTokenKey() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = LoadGenerator.commandLine();
        commandLine.setErr(new PrintWriter(err));

        int exit = commandLine.execute("import", "--csv", "pom.xml", "--pan-token-key", " ");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("import needs the card token key", "VIGIL_PAN_TOKEN_KEY");
    }

    @Test
    void theKafkaTargetNeedsTheCardTokenKey() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = LoadGenerator.commandLine();
        commandLine.setErr(new PrintWriter(err));

        int exit = commandLine.execute("run", "--target", "kafka", "--pan-token-key", " ", "--history", "0");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--target kafka needs the card token key", "VIGIL_PAN_TOKEN_KEY");
    }

    @Test
    void aBadCardTokenKeyIsRefusedWithoutBeingPrinted() {
        String shortKey = "c2hvcnQta2V5LW9ubHk=";
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = LoadGenerator.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));

        int exit = commandLine.execute(
                "run", "--target", "KAFKA", "--pan-token-key", shortKey, "--history", "0", "--count", "0");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString())
                .contains("the card token key (--pan-token-key, VIGIL_PAN_TOKEN_KEY) must be base64 of "
                        + "at least 32 random bytes; it decodes to 14");
        assertThat(err + out.toString()).doesNotContain(shortKey, "short-key-only");
    }

    @Test
    void aBadOptionValueIsOneLineOfExplanationAndExitStatus2() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = LoadGenerator.commandLine();
        commandLine.setErr(new PrintWriter(err));

        int exit = commandLine.execute("run", "--rate", "-5", "--history", "0");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--rate must be above 0");
    }
}
