package dev.vigil.loadgen.handbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.loadgen.LoadGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** The {@code handbook} command: it writes the file and one summary line, and refuses bad options in one line. */
class HandbookCommandTest {

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int execute(String... args) {
        CommandLine commandLine = LoadGenerator.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }

    @Test
    void writesTheWorldAndSummarisesIt(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("world.csv");

        int exit = execute(
                "handbook",
                "--out",
                file.toString(),
                "--customers",
                "100",
                "--terminals",
                "200",
                "--days",
                "20",
                "--start",
                "2019-01-01",
                "--radius",
                "12",
                "--seed",
                "4");

        assertThat(exit).isZero();
        assertThat(Files.readAllLines(file)).first().isEqualTo(HandbookCsv.HEADER);
        assertThat(Files.readAllLines(file).get(1)).startsWith("hb-0,2019-01-01T");
        long rows = Files.readAllLines(file).size() - 1L;
        assertThat(out.toString())
                .matches(
                        "handbook world .*world\\.csv: " + rows + " transactions, [0-9]+ frauds "
                                + "\\([0-9]+\\.[0-9]{3} %\\): scenario 1 [0-9]+, scenario 2 [0-9]+, scenario 3 [0-9]+; [0-9]+\\.[0-9] s\\R");
        assertThat(err.toString()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--customers|0|--customers must be between 1 and 1000000",
                "--terminals|-3|--terminals must be between 1 and 1000000",
                "--days|0|--days must be between 1 and 3660",
                "--radius|0|--radius must be above 0",
                "--radius|NaN|--radius must be above 0",
                "--start|April|Invalid value for option '--start'"
            })
    void aBadOptionIsOneLineNamingItAndExitStatus2(String option, String value, String message, @TempDir Path folder) {
        int exit = execute("handbook", "--out", folder.resolve("world.csv").toString(), option, value);

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains(message);
        assertThat(folder.resolve("world.csv")).doesNotExist();
    }

    @Test
    void anOutputFolderThatDoesNotExistIsNamed(@TempDir Path folder) {
        int exit =
                execute("handbook", "--out", folder.resolve("missing/world.csv").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--out: the folder " + folder.resolve("missing") + " does not exist");
    }

    @Test
    void everyOptionIsExplainedInTheHelp() {
        CommandLine handbook = LoadGenerator.commandLine().getSubcommands().get("handbook");

        assertThat(handbook.getCommandSpec().options())
                .allSatisfy(option -> assertThat(String.join(" ", option.description()))
                        .as(option.longestName())
                        .isNotBlank());
        assertThat(handbook.getUsageMessage())
                .contains("--out", "--customers", "--terminals", "--days", "--start", "--radius", "--seed");
    }
}
