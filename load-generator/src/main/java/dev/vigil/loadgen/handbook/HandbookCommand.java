package dev.vigil.loadgen.handbook;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code handbook}: generate a Fraud Detection Handbook world and write it as CSV. */
@Command(
        name = "handbook",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description =
                "Generates the Fraud Detection Handbook's simulated transactions (customers and terminals on a "
                        + "100x100 grid, three fraud scenarios), seeded, and writes them as CSV in event-time order, ready for "
                        + "import. The defaults give the Handbook's published world: about 1.75 million transactions, 0.8 %% fraud.")
public final class HandbookCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, description = "the CSV file to write (replaced if it exists)")
    Path out;

    @Option(names = "--customers", defaultValue = "5000", description = "customers (default: ${DEFAULT-VALUE})")
    int customers;

    @Option(names = "--terminals", defaultValue = "10000", description = "terminals (default: ${DEFAULT-VALUE})")
    int terminals;

    @Option(names = "--days", defaultValue = "183", description = "days of transactions (default: ${DEFAULT-VALUE})")
    int days;

    @Option(
            names = "--start",
            defaultValue = "2018-04-01",
            description = "the first day, UTC (default: ${DEFAULT-VALUE})")
    LocalDate start;

    @Option(
            names = "--radius",
            defaultValue = "5",
            description =
                    "a customer uses the terminals closer than this on the 100x100 grid (default: ${DEFAULT-VALUE})")
    double radius;

    @Option(
            names = "--compromised-terminals-per-day",
            defaultValue = "2",
            description =
                    "scenario 2: terminals compromised each day, for 28 days; a fraction is drawn (default: ${DEFAULT-VALUE}, "
                            + "the Handbook's for 10000 terminals)")
    double terminalsPerDay;

    @Option(
            names = "--compromised-customers-per-day",
            defaultValue = "3",
            description =
                    "scenario 3: customers compromised each day, for 14 days; a fraction is drawn (default: ${DEFAULT-VALUE}, "
                            + "the Handbook's for 5000 customers)")
    double customersPerDay;

    @Option(
            names = "--seed",
            defaultValue = "0",
            description = "random seed: one seed and options, one file (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws IOException {
        WorldParameters parameters = validated();
        long began = System.nanoTime();
        HandbookWorld world = HandbookWorld.generate(parameters);
        try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            HandbookCsv.write(world, writer);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - began);
        spec.commandLine()
                .getOut()
                .println("handbook world " + out + ": "
                        + WorldSummary.of(world.transactions()).line(took));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private WorldParameters validated() {
        if (customers < 1 || customers > 1_000_000) {
            throw new IllegalArgumentException("--customers must be between 1 and 1000000");
        }
        if (terminals < 1 || terminals > 1_000_000) {
            throw new IllegalArgumentException("--terminals must be between 1 and 1000000");
        }
        // event times are seconds from the start in an int, and a world is held in memory
        if (days < 1 || days > 3_660) {
            throw new IllegalArgumentException("--days must be between 1 and 3660 (ten years)");
        }
        if (!(radius > 0 && radius <= WorldParameters.GRID * Math.sqrt(2))) {
            throw new IllegalArgumentException("--radius must be above 0 and at most the grid's diagonal (141.4)");
        }
        if (!(terminalsPerDay >= 0
                && terminalsPerDay <= terminals
                && customersPerDay >= 0
                && customersPerDay <= customers)) {
            throw new IllegalArgumentException(
                    "--compromised-terminals-per-day and --compromised-customers-per-day must be "
                            + "between 0 and the number of terminals or customers");
        }
        Path folder = out.toAbsolutePath().getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            throw new IllegalArgumentException("--out: the folder " + folder + " does not exist");
        }
        return new WorldParameters(customers, terminals, days, start, radius, seed, terminalsPerDay, customersPerDay);
    }
}
