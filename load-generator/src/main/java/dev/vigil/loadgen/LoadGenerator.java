package dev.vigil.loadgen;

import dev.vigil.loadgen.backtest.BacktestReportCommand;
import dev.vigil.loadgen.backtest.HandbookBoundCommand;
import dev.vigil.loadgen.handbook.HandbookCommand;
import dev.vigil.loadgen.scores.ScoresCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code vigil-load-generator} command line: {@code run} simulates, {@code replay} sends a CSV,
 * {@code import} writes a CSV of history to Kafka in its own event time, {@code scores} measures an
 * engine's scores after a benchmark step, {@code handbook} writes the Fraud Detection Handbook's
 * simulated transactions as CSV, {@code backtest-report} measures the live scorer's detection on a
 * backtest's test window.
 */
@Command(
        name = "vigil-load-generator",
        mixinStandardHelpOptions = true,
        version = "vigil-load-generator 0.1.0",
        description =
                "Plays a bank: sends card transactions to Vigil's ingest-service (or straight to Kafka), with fraud, "
                        + "then chargebacks, and reports how much of the fraud the pipeline alerted on.",
        subcommands = {
            RunCommand.class,
            ReplayCommand.class,
            ImportCommand.class,
            WorldCommand.class,
            ScoresCommand.class,
            HandbookCommand.class,
            BacktestReportCommand.class,
            HandbookBoundCommand.class,
            CommandLine.HelpCommand.class
        })
public final class LoadGenerator {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with its error handling: a bad option value is one line of explanation, not a stack trace. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new LoadGenerator());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IllegalArgumentException) {
                cmd.getErr().println(cmd.getColorScheme().errorText(e.getMessage()));
                return 2;
            }
            throw e;
        });
        return commandLine;
    }
}
