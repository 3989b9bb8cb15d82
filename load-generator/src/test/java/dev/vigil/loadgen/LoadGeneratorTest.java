package dev.vigil.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

class LoadGeneratorTest {

    @Test
    void everyOptionOfEveryCommandIsExplainedInTheHelp() {
        CommandLine commandLine = LoadGenerator.commandLine();

        for (String command : new String[] {"run", "replay"}) {
            CommandLine sub = commandLine.getSubcommands().get(command);
            assertThat(sub.getCommandSpec().options()).allSatisfy((OptionSpec option) ->
                    assertThat(String.join(" ", option.description())).as(command + " " + option.longestName()).isNotBlank());
            assertThat(sub.getUsageMessage()).contains("--ingest-url", "--alerts-token", "--label-delay", "VIGIL_ALERTS_TOKEN",
                    "--target", "--bootstrap-servers", "KAFKA_BOOTSTRAP_SERVERS", "--registry-url", "APICURIO_REGISTRY_URL",
                    "--pan-token-key", "VIGIL_PAN_TOKEN_KEY");
        }
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

        int exit = commandLine.execute("run", "--target", "KAFKA", "--pan-token-key", shortKey, "--history", "0", "--count", "0");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("the card token key (--pan-token-key, VIGIL_PAN_TOKEN_KEY) must be base64 of "
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

    @Test
    void durationsAreReadInShortOrIsoForm() {
        DurationConverter converter = new DurationConverter();

        assertThat(converter.convert("45s")).isEqualTo(Duration.ofSeconds(45));
        assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(converter.convert("3d")).isEqualTo(Duration.ofDays(3));
        assertThat(converter.convert("PT1H")).isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> converter.convert("soon")).hasMessageContaining("'soon' is not a duration");
    }
}
